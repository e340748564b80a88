using System.Globalization;

namespace Hub.Admin.Shell;

/// <summary>
/// The pages' own words in Russian (the operators' language, the default) and English. A key is the English text, so a
/// page reads the same when a key is missing; <see cref="All"/> is what the resource check walks.
/// </summary>
public static class AdminText
{
    public sealed record Entry(string Ru, string En);

    public static readonly IReadOnlyDictionary<string, Entry> All = new Dictionary<string, Entry>(StringComparer.Ordinal)
    {
        ["Integration Hub"] = new("Интеграционный хаб", "Integration Hub"),
        ["Dashboard"] = new("Сводка", "Dashboard"),
        ["Logs"] = new("Журнал", "Logs"),
        ["Stats"] = new("Статистика", "Stats"),
        ["Runs"] = new("Запуски", "Runs"),
        ["Outbox"] = new("Исходящие", "Outbox"),
        ["Schedules"] = new("Расписания", "Schedules"),
        ["Health"] = new("Состояние", "Health"),
        ["Sign out"] = new("Выйти", "Sign out"),
        ["Sign in"] = new("Вход", "Sign in"),
        ["Menu"] = new("Меню", "Menu"),
        ["Language"] = new("Язык", "Language"),
        ["Navigation"] = new("Разделы", "Navigation"),
        ["viewer"] = new("просмотр", "viewer"),
        ["operator"] = new("оператор", "operator"),
        ["admin"] = new("администратор", "admin"),
        ["ingest"] = new("приём логов", "ingest"),
        ["Parked"] = new("Не доставлено", "Parked"),
        ["Failed runs"] = new("Сбойные запуски", "Failed runs"),
        ["Orders parked, waiting for an operator"] = new("Заказы, которые ждут решения оператора", "Orders parked, waiting for an operator"),
        ["Runs that failed since you last looked"] = new("Запуски со сбоями с вашего последнего просмотра", "Runs that failed since you last looked"),
    };

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the request's language (set from the language cookie, else Admin:Culture).</summary>
    public static string T(string key) => All.TryGetValue(key, out var entry) ? (English ? entry.En : entry.Ru) : key;
}
