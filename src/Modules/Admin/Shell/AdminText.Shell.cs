namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The frame, the navigation and words several pages share.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Shell => new(StringComparer.Ordinal)
    {
        // The host's answer to an exception no page caught (HubExceptionHandler.InternalErrorText).
        ["Something went wrong on the hub's side, and nothing was shown or changed. The hub's log has the details under trace id {0}."] =
            new("На стороне хаба что-то пошло не так; ничего не показано и не изменено. Подробности — в журнале хаба под идентификатором трассировки {0}.",
                "Something went wrong on the hub's side, and nothing was shown or changed. The hub's log has the details under trace id {0}."),
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
        ["Send now"] = new("Отправить сейчас", "Send now"),
        ["Cancel"] = new("Отменить", "Cancel"),
        ["Try this order now instead of at its next attempt?"] = new("Отправить этот заказ сейчас, не дожидаясь следующей попытки?", "Try this order now instead of at its next attempt?"),
        ["Cancel this order? It will not be sent, and its run counts it as failed."] =
            new("Отменить этот заказ? Он не будет отправлен, а запуск посчитает его недоставленным.", "Cancel this order? It will not be sent, and its run counts it as failed."),
        ["The order will be tried within seconds."] = new("Заказ будет отправлен в ближайшие секунды.", "The order will be tried within seconds."),
        ["The order is cancelled and will not be sent."] = new("Заказ отменён и не будет отправлен.", "The order is cancelled and will not be sent."),
        ["The order is being tried right now; look at it again in a moment."] = new("Заказ отправляется прямо сейчас; посмотрите на него чуть позже.", "The order is being tried right now; look at it again in a moment."),
        ["The order is no longer waiting for a retry; nothing was changed."] = new("Заказ больше не ждёт повторной попытки; ничего не изменено.", "The order is no longer waiting for a retry; nothing was changed."),
        ["No such order; nothing was changed."] = new("Такого заказа нет; ничего не изменено.", "No such order; nothing was changed."),
        ["on its way"] = new("в пути", "on its way"),
        ["Nothing is sent yet: this plan orders more for shelves with goods already on their way. Send its orders? Without an answer it sends nothing at {0}."] =
            new("Пока ничего не отправлено: план заказывает ещё для полок, куда товар уже в пути. Отправить его заказы? Без ответа в {0} план будет отменён, ничего не отправится.",
                "Nothing is sent yet: this plan orders more for shelves with goods already on their way. Send its orders? Without an answer it sends nothing at {0}."),
        ["Send the orders"] = new("Отправить заказы", "Send the orders"),
        ["Do not send"] = new("Не отправлять", "Do not send"),
        ["Run {0} waits for a confirmation before it sends its orders."] = new("Запуск {0} ждёт подтверждения, прежде чем отправить заказы.", "Run {0} waits for a confirmation before it sends its orders."),
        ["logs"] = new("журнал", "logs"),
        ["Times on these pages"] = new("Время на страницах", "Times on these pages"),
        ["Warehouse"] = new("Склад", "Warehouse"),
        ["All warehouses"] = new("Все склады", "All warehouses"),
        ["all warehouses"] = new("все склады", "all warehouses"),
        ["Warehouse (1C Ref_Key, empty for all)"] = new("Склад (Ref_Key из 1С, пусто — все)", "Warehouse (1C Ref_Key, empty for all)"),
        ["dry run (plan only, send nothing)"] = new("пробный запуск (только план, ничего не отправлять)", "dry run (plan only, send nothing)"),
        ["Run deficit evaluation"] = new("Запустить оценку дефицита", "Run deficit evaluation"),
        ["Needs attention"] = new("Требует внимания", "Needs attention"),
        ["Nothing needs attention: no order is parked or waiting for a retry, and no run failed in the last 24 hours."] =
            new("Всё в порядке: нет заказов, которые не доставлены или ждут повторной попытки, и за последние 24 часа ни один запуск не завершился ошибкой.",
                "Nothing needs attention: no order is parked or waiting for a retry, and no run failed in the last 24 hours."),
        ["Run {0}: {1} order(s) parked, the last at {2}."] = new("Запуск {0}: не доставлено заказов: {1}, последний в {2}.", "Run {0}: {1} order(s) parked, the last at {2}."),
        ["Replay or discard"] = new("Повторить или отбросить", "Replay or discard"),
        ["Run {0} failed at {1}: {2}"] = new("Запуск {0} завершился ошибкой в {1}: {2}", "Run {0} failed at {1}: {2}"),
        ["{0} order(s) waiting for a retry."] = new("Заказов ждут повторной попытки: {0}.", "{0} order(s) waiting for a retry."),
        ["Send now or cancel"] = new("Отправить сейчас или отменить", "Send now or cancel"),
        ["That key is not recognised."] = new("Такой ключ не найден.", "That key is not recognised."),
        ["That key may only write logs; the admin pages need a viewer key or higher."] =
            new("Этим ключом можно только записывать журнал; для этих страниц нужен ключ с ролью «просмотр» или выше.",
                "That key may only write logs; the admin pages need a viewer key or higher."),
        ["API key"] = new("API-ключ", "API key"),
        ["Sign in to the hub"] = new("Войти", "Sign in"),
        ["A viewer key reads; an operator key also triggers runs, replays dead letters and pauses schedules."] =
            new("Ключ с ролью «просмотр» только читает; ключ оператора также запускает оценку дефицита, повторяет недоставленные заказы и приостанавливает расписания.",
                "A viewer key reads; an operator key also triggers runs, replays dead letters and pauses schedules."),
        ["Something is wrong"] = new("Что-то пошло не так", "Something is wrong"),
        ["The database cannot be reached right now, so nothing can be shown ({0}). This part of the page tries again by itself and recovers when the database is back."] =
            new("База данных сейчас недоступна, поэтому показать нечего ({0}). Эта часть страницы повторит попытку сама и оживёт, когда база вернётся.",
                "The database cannot be reached right now, so nothing can be shown ({0}). This part of the page tries again by itself and recovers when the database is back."),
        ["{0} parked order(s) waiting for an operator, {1} waiting for a retry."] =
            new("Ждут решения оператора: {0}, ждут повторной попытки: {1}.", "{0} parked order(s) waiting for an operator, {1} waiting for a retry."),
    };
}
