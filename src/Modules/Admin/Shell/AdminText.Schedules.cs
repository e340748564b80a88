namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The Schedules page.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Schedules => new(StringComparer.Ordinal)
    {
        ["paused"] = new("приостановлено", "paused"),
        ["resumed"] = new("возобновлено", "resumed"),
        ["active"] = new("действует", "active"),
        ["an occurrence was requested; the Last occurrence column shows whether it started a run or was skipped (reload in a moment)"] =
            new("запуск запрошен; в столбце «Последний запуск» будет видно, начался ли он или был пропущен (обновите страницу чуть позже)",
                "an occurrence was requested; the Last occurrence column shows whether it started a run or was skipped (reload in a moment)"),
        ["No schedule is named “{0}”."] = new("Расписания «{0}» нет.", "No schedule is named “{0}”."),
        ["The action is pause, resume or run."] = new("Действие — pause, resume или run.", "The action is pause, resume or run."),
        ["“{0}” is paused: resume it first, or start a run on the Runs page."] =
            new("«{0}» приостановлено: сначала возобновите его или начните запуск на странице «Запуски».", "“{0}” is paused: resume it first, or start a run on the Runs page."),
        ["run {0}…"] = new("запуск {0}…", "run {0}…"),
        ["started"] = new("начат", "started"),
        ["skipped"] = new("пропущен", "skipped"),
        ["done"] = new("выполнен", "done"),
        ["a run was started"] = new("запуск начат", "a run was started"),
        ["an earlier run was still in progress"] = new("ещё шёл предыдущий запуск", "an earlier run was still in progress"),
        ["another run for every warehouse was started at the same moment"] =
            new("в тот же момент начат другой запуск по всем складам", "another run for every warehouse was started at the same moment"),
        ["No schedules are registered."] = new("Расписаний нет.", "No schedules are registered."),
        ["Name"] = new("Название", "Name"),
        ["Cron"] = new("Расписание (cron)", "Cron"),
        ["Time zone"] = new("Часовой пояс", "Time zone"),
        ["Next run (local time of the schedule)"] = new("Следующий запуск (время расписания)", "Next run (local time of the schedule)"),
        ["Paused at ({0})"] = new("Приостановлено ({0})", "Paused at ({0})"),
        ["Last occurrence"] = new("Последний запуск", "Last occurrence"),
        ["Deficit evaluation"] = new("Оценка дефицита", "Deficit evaluation"),
        ["Pause"] = new("Приостановить", "Pause"),
        ["Resume"] = new("Возобновить", "Resume"),
        ["Run now"] = new("Запустить сейчас", "Run now"),
    };
}
