using System.Globalization;

namespace Hub.Admin.Shell;

/// <summary>
/// The pages' own words in Russian (the operators' language, the default) and English. A key is the English text, so a
/// page reads the same when a key is missing; <see cref="All"/> is what the resource check walks.
/// </summary>
public static partial class AdminText
{
    public sealed record Entry(string Ru, string En);

    /// <summary>Every page's words; each page keeps its own table in its own file (AdminText.*.cs), merged here once.</summary>
    /// Built on first use from the tables, which are properties: the order of static initialisers across the files of a partial class is not defined.
    public static IReadOnlyDictionary<string, Entry> All => all.Value;

    private static readonly Lazy<Dictionary<string, Entry>> all = new(() => Merge(Shell, Runs, Outbox, Logs, Health, Dashboard, Stats, Schedules));

    private static Dictionary<string, Entry> Merge(params Dictionary<string, Entry>[] tables)
    {
        var all = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var table in tables)
            foreach (var (key, entry) in table)
                // The same English key must mean the same thing everywhere; a second, different translation is a mistake.
                if (!all.TryAdd(key, entry) && all[key] != entry)
                    throw new InvalidOperationException($"AdminText: '{key}' is translated twice, differently");
        return all;
    }

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the request's language (set from the language cookie, else Admin:Culture).</summary>
    public static string T(string key) => All.TryGetValue(key, out var entry) ? (English ? entry.En : entry.Ru) : key;
}
