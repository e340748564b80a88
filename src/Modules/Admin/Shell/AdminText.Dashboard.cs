namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The dashboard, the landing page.</summary>
    // Built once, by All. "as of {0}, refreshed every {1} s", "Total", "System", "Failures", "Day ({0})", "{0} of {1}" and
    // "No integration logs in the last 24 hours." are the Health and Stats pages' words, in their tables.
    private static Dictionary<string, Entry> Dashboard => new(StringComparer.Ordinal)
    {
        ["Nothing has happened yet: no run was started and no order is waiting."] =
            new("Пока ничего не происходило: запусков не было, заказов в ожидании нет.", "Nothing has happened yet: no run was started and no order is waiting."),
        ["next scheduled run"] = new("следующий запуск по расписанию", "next scheduled run"),
        ["no schedule is configured"] = new("расписание не настроено", "no schedule is configured"),
        ["every schedule is paused"] = new("все расписания приостановлены", "every schedule is paused"),
        ["orders sent in the last {0} days"] = new("отправлено заказов за последние {0} дней", "orders sent in the last {0} days"),
        ["orders waiting for a retry"] = new("ждут повторной попытки", "orders waiting for a retry"),
        ["orders parked, waiting for an operator"] = new("не доставлено заказов, ждут решения оператора", "orders parked, waiting for an operator"),
        ["Runs of the last {0} days"] = new("Запуски за последние {0} дней", "Runs of the last {0} days"),
        ["No runs in the last {0} days."] = new("За последние {0} дней запусков не было.", "No runs in the last {0} days."),
        ["{0}: {1} runs, {2} done, {3} with failures, {4} failed, {5} plan only, {6} in progress"] =
            new("{0}: запусков {1}; выполнены: {2}, с недоставленными заказами: {3}, с ошибкой: {4}, только план: {5}, идут: {6}",
                "{0}: {1} runs, {2} done, {3} with failures, {4} failed, {5} plan only, {6} in progress"),
        ["A busy week: only its latest runs are counted here; the Runs page lists them all."] =
            new("Насыщенная неделя: здесь учтены только последние запуски; все они есть на странице «Запуски».",
                "A busy week: only its latest runs are counted here; the Runs page lists them all."),
        ["runs done"] = new("выполнены", "done"),
        ["with failures"] = new("с недоставленными", "with failures"),
        ["completed"] = new("выполнен", "completed"),
        ["completed with failures"] = new("выполнен, есть недоставленные заказы", "completed with failures"),
        ["plan only"] = new("только план", "plan only"),
        ["in progress"] = new("идут", "in progress"),
        ["Latest runs"] = new("Последние запуски", "Latest runs"),
        ["No run has been started yet."] = new("Запусков ещё не было.", "No run has been started yet."),
        ["dry run"] = new("пробный", "dry run"),
        ["Started ({0})"] = new("Начат ({0})", "Started ({0})"),
        ["Started by"] = new("Кем запущен", "Started by"),
        ["Outcome"] = new("Итог", "Outcome"),
        ["Orders sent"] = new("Отправлено заказов", "Orders sent"),
        ["All runs"] = new("Все запуски", "All runs"),
        ["Logs of the last 24 hours by system"] = new("Журнал за последние 24 часа по системам", "Logs of the last 24 hours by system"),
        ["Records"] = new("Записей", "Records"),
        ["by the schedule"] = new("по расписанию", "by the schedule"),
        ["through the API"] = new("через API", "through the API"),
        ["from these pages"] = new("из админки", "from these pages"),
        ["from the command line"] = new("из командной строки", "from the command line"),
        ["planning"] = new("планируется", "planning"),
        ["sending its orders"] = new("отправляет заказы", "sending its orders"),
        ["waiting for a confirmation"] = new("ждёт подтверждения", "waiting for a confirmation"),
    };
}
