using System.Net;

namespace Hub.Integrations.OneC;

/// <summary>
/// Tells a business refusal from a technical failure in 1C's answers. 1C answers both with HTTP 500 and code -1; only
/// the text differs. A lock conflict or an overloaded server is worth another try; an unfilled attribute, a missing
/// right or a query 1C will not run is not, and retrying it for hours only hides it from the operator.
/// </summary>
public static class OneCErrors
{
    private static readonly string[] Technical =
    [
        "блокировк", "превышено время ожидания", "взаимоблокировк", "deadlock", "timeout", "внутренняя ошибка сервера",
        "временно недоступен", "соединение", "connection", "сеанс", "session",
    ];

    private static readonly string[] Refusals =
    [
        "не удалось провести", "не заполнен", "недостаточно прав", "нельзя", "не может быть", "не принадлежит", "ошибка проверки",
        "запрещено", "помечен на удаление", "выбрана группа",
    ];

    public static bool IsRefusal(HttpStatusCode status, string? code, string text)
    {
        if ((int)status != 500) return false;
        var lower = text.ToLowerInvariant();
        if (Technical.Any(lower.Contains)) return false;
        return Refusals.Any(lower.Contains);
    }
}
