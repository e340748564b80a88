namespace Hub.Integrations.References;

/// <summary>
/// The names a system has that look most like the one configured, by edit distance ignoring case: a typo
/// ("Бестужева") or a renamed store should point the operator straight at the right spelling.
/// </summary>
public static class ClosestNames
{
    public static IReadOnlyList<string> To(string wanted, IEnumerable<string> available, int take = 3)
    {
        var names = available.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(wanted)) return names.Order(StringComparer.Ordinal).Take(take).ToArray();
        var target = wanted.Trim().ToLowerInvariant();
        return names
            .OrderBy(n => Distance(target, n.ToLowerInvariant()))
            .ThenBy(n => n, StringComparer.Ordinal)
            .Take(take)
            .ToArray();
    }

    /// <summary>Levenshtein distance, two rows at a time.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
