namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The Stats page and its charts.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Stats => new(StringComparer.Ordinal)
    {
        // The stats API's refusals, as GetLogStatsValidator words them.
        ["bucket is hour or day"] = new("Период — hour (по часам) или day (по дням)", "bucket is hour or day"),
        ["group_by takes system, process, both (system,process) or none"] =
            new("Группировка (group_by) — system, process, обе (system,process) или none", "group_by takes system, process, both (system,process) or none"),
        ["the range is too long: at most 93 days by hour, 1000 by day"] =
            new("Слишком длинный период: не больше 93 дней по часам и 1000 по дням", "the range is too long: at most 93 days by hour, 1000 by day"),
        ["tz \"{0}\" is not a known time zone (IANA names such as Europe/Moscow or UTC)"] =
            new("Часовой пояс (tz) «{0}» неизвестен: укажите имя IANA, например Europe/Moscow или UTC",
                "tz \"{0}\" is not a known time zone (IANA names such as Europe/Moscow or UTC)"),
        ["Hourly, last 24 hours"] = new("По часам, последние 24 часа", "Hourly, last 24 hours"),
        ["Daily, last 30 days"] = new("По дням, последние 30 дней", "Daily, last 30 days"),
        ["System"] = new("Система", "System"),
        ["Process"] = new("Процесс", "Process"),
        ["all"] = new("все", "all"),
        ["Time zone"] = new("Часовой пояс", "Time zone"),
        ["Show"] = new("Показать", "Show"),
        ["Clear"] = new("Сбросить", "Clear"),
        ["No integration logs in the last 24 hours."] = new("За последние 24 часа записей журнала нет.", "No integration logs in the last 24 hours."),
        ["No integration logs in the last 24 hours for this filter."] =
            new("За последние 24 часа записей журнала по этому фильтру нет.", "No integration logs in the last 24 hours for this filter."),
        ["No integration logs in the last 30 days."] = new("За последние 30 дней записей журнала нет.", "No integration logs in the last 30 days."),
        ["No integration logs in the last 30 days for this filter."] =
            new("За последние 30 дней записей журнала по этому фильтру нет.", "No integration logs in the last 30 days for this filter."),
        ["{0} – {1} ({2}), by hour."] = new("{0} – {1} ({2}), по часам.", "{0} – {1} ({2}), by hour."),
        ["{0} – {1} ({2}), by day."] = new("{0} – {1} ({2}), по дням.", "{0} – {1} ({2}), by day."),
        ["succeeded"] = new("успешно", "succeeded"),
        ["retrying"] = new("повторяются", "retrying"),
        ["other statuses"] = new("прочие статусы", "other statuses"),
        ["(no system)"] = new("(без системы)", "(no system)"),
        ["{0} logs, {1} failed"] = new("Записей: {0}, с ошибкой: {1}", "{0} logs, {1} failed"),
        ["{0} logs, {1} failed ({2}%)"] = new("Записей: {0}, с ошибкой: {1} ({2} %)", "{0} logs, {1} failed ({2}%)"),
        ["Volume"] = new("Объём", "Volume"),
        ["Failures"] = new("Ошибки", "Failures"),
        ["p95 duration"] = new("Длительность (95-й процентиль)", "p95 duration"),
        ["{0}: logs per hour"] = new("{0}: записей в час", "{0}: logs per hour"),
        ["{0}: logs per day"] = new("{0}: записей в день", "{0}: logs per day"),
        ["{0}: failed logs per hour"] = new("{0}: записей с ошибкой в час", "{0}: failed logs per hour"),
        ["{0}: failed logs per day"] = new("{0}: записей с ошибкой в день", "{0}: failed logs per day"),
        ["{0}: 95th percentile of elapsed_ms per hour"] = new("{0}: 95-й процентиль elapsed_ms по часам", "{0}: 95th percentile of elapsed_ms per hour"),
        ["{0}: 95th percentile of elapsed_ms per day"] = new("{0}: 95-й процентиль elapsed_ms по дням", "{0}: 95th percentile of elapsed_ms per day"),
        ["{0}: no logs"] = new("{0}: записей нет", "{0}: no logs"),
        ["{0}: {1} logs, {2} succeeded, {3} failed, {4} retrying"] =
            new("{0}: записей {1}, успешно {2}, с ошибкой {3}, повторяются {4}", "{0}: {1} logs, {2} succeeded, {3} failed, {4} retrying"),
        [", p95 {0} ms"] = new(", p95 {0} мс", ", p95 {0} ms"),
        ["none in this period"] = new("за этот период нет", "none in this period"),
        ["{0}M"] = new("{0} млн", "{0}M"),
        ["{0}k"] = new("{0} тыс.", "{0}k"),
        ["Table"] = new("Таблица", "Table"),
        ["Hour ({0})"] = new("Час ({0})", "Hour ({0})"),
        ["Day ({0})"] = new("День ({0})", "Day ({0})"),
        ["Total"] = new("Всего", "Total"),
        ["Successes"] = new("Успешно", "Successes"),
        ["Retries"] = new("Повторы", "Retries"),
        ["Avg ms"] = new("Среднее, мс", "Avg ms"),
        ["p95 ms"] = new("p95, мс", "p95 ms"),
    };
}
