namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The Outbox page.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Outbox => new(StringComparer.Ordinal)
    {
        // The Outbox API's refusals, as its validators word them.
        ["system must be one of: 1c, moysklad"] = new("Система — одна из: 1c, moysklad", "system must be one of: 1c, moysklad"),
        ["system must be one of 1c, moysklad"] = new("Система — одна из: 1c, moysklad", "system must be one of 1c, moysklad"),
        ["from must be before to"] = new("«С» должно быть раньше, чем «По»", "from must be before to"),
        ["next must be the cursor a previous page returned"] = new("next — это курсор, который вернула предыдущая страница", "next must be the cursor a previous page returned"),
        ["give ids, a filter (system, exception_type, from, to, run_id), or all=true"] =
            new("Укажите идентификаторы, фильтр (system, exception_type, from, to, run_id) или all=true", "give ids, a filter (system, exception_type, from, to, run_id), or all=true"),
        ["Transfer order {0} → {1}, {2} lines"] = new("Заказ на перемещение {0} → {1}, строк: {2}", "Transfer order {0} → {1}, {2} lines"),
        ["Customer order for {0}, {1} lines"] = new("Заказ покупателя для {0}, строк: {1}", "Customer order for {0}, {1} lines"),
        ["{0} parked order(s) replayed."] = new("Повторно отправлено недоставленных заказов: {0}.", "{0} parked order(s) replayed."),
        ["{0} parked order(s) discarded."] = new("Отброшено недоставленных заказов: {0}.", "{0} parked order(s) discarded."),
        ["Exception type"] = new("Тип ошибки", "Exception type"),
        ["Run id"] = new("Идентификатор запуска", "Run id"),
        ["Parked from ({0})"] = new("Не доставлен с ({0})", "Parked from ({0})"),
        // A Russian reader writes the day first; AdminClock reads both.
        ["e.g. 2026-11-23 09:00"] = new("напр. 23.11.2026 09:00", "e.g. 2026-11-23 09:00"),
        ["to"] = new("по", "to"),
        ["Clear"] = new("Сбросить", "Clear"),
        ["every parked order"] = new("все недоставленные заказы", "every parked order"),
        ["every parked order matching this filter"] = new("все недоставленные заказы по этому фильтру", "every parked order matching this filter"),
        ["Matched: {0}, {1}."] = new("Найдено: {0} — {1}.", "Matched: {0}, {1}."),
        ["Replay {0} parked order(s)?"] = new("Повторить отправку недоставленных заказов ({0})?", "Replay {0} parked order(s)?"),
        ["Discard {0} parked order(s)?"] = new("Отбросить недоставленные заказы ({0})? Они не будут отправлены.", "Discard {0} parked order(s)?"),
        ["Replay all {0}"] = new("Повторить все ({0})", "Replay all {0}"),
        ["Discard all {0}"] = new("Отбросить все ({0})", "Discard all {0}"),
        ["Replay"] = new("Повторить", "Replay"),
        ["Discard"] = new("Отбросить", "Discard"),
        ["Replay this order?"] = new("Повторить отправку этого заказа?", "Replay this order?"),
        ["Discard this order?"] = new("Отбросить этот заказ? Он не будет отправлен.", "Discard this order?"),
        ["No parked orders match these filters."] = new("Недоставленных заказов по этим фильтрам нет.", "No parked orders match these filters."),
        ["run"] = new("запуск", "run"),
        ["Run"] = new("Запуск", "Run"),
        ["More parked orders are older than these; narrow the filter to see them."] =
            new("Есть и более ранние недоставленные заказы; сузьте фильтр, чтобы их увидеть.", "More parked orders are older than these; narrow the filter to see them."),
        ["Parked ({0})"] = new("Не доставлен ({0})", "Parked ({0})"),
        ["Message"] = new("Сообщение", "Message"),
        ["Exception"] = new("Ошибка", "Exception"),
        ["Pending"] = new("Ожидают отправки", "Pending"),
        ["Nothing is waiting to be sent."] = new("Отправки ничего не ждёт.", "Nothing is waiting to be sent."),
        ["Updated ({0})"] = new("Обновлён ({0})", "Updated ({0})"),
        ["Last reason"] = new("Последняя причина", "Last reason"),
        ["ids must be the ids of parked orders."] = new("ids должны быть идентификаторами недоставленных заказов.", "ids must be the ids of parked orders."),
        // An order's reason after an operator's act, told from its parts (Outbox/OrderReasons); {1} is what came before it.
        ["replayed by {0} after: {1}"] = new("повторно отправил {0}, до этого: {1}", "replayed by {0} after: {1}"),
        ["discarded by {0} after: {1}"] = new("отбросил {0}, до этого: {1}", "discarded by {0} after: {1}"),
        ["sent now by {0} after: {1}"] = new("{0} попросил отправить сейчас, до этого: {1}", "sent now by {0} after: {1}"),
        ["cancelled by {0} while retrying after: {1}"] = new("отменил {0} во время повторов, до этого: {1}", "cancelled by {0} while retrying after: {1}"),
        // A sent transfer order's note when an earlier attempt had created it (SendTransferOrderHandler, by TransferOrderOutcome).
        ["found by its marker in 1C (AlreadyExisted)"] = new("найден в 1С по отметке хаба: документ уже был создан и проведён", "found by its marker in 1C (AlreadyExisted)"),
        ["found by its marker in 1C (PostedExisting)"] = new("найден в 1С по отметке хаба: документ уже был создан, теперь проведён", "found by its marker in 1C (PostedExisting)"),
        // Who acted on an order recorded before the operator's name was kept.
        ["an operator"] = new("оператор", "an operator"),
        ["{0} is not a date and time (use e.g. 2026-11-23 09:00, read as {1}, or 2026-11-23T06:00Z)"] =
            new("{0}: это не дата и время (например, 23.11.2026 09:00 — время {1} — или 2026-11-23T06:00Z)",
                "{0} is not a date and time (use e.g. 2026-11-23 09:00, read as {1}, or 2026-11-23T06:00Z)"),
    };
}
