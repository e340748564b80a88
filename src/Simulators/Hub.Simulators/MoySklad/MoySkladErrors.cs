using System.Text.Json.Nodes;
using Hub.Simulators.Http;

namespace Hub.Simulators.MoySklad;

// Texts and codes follow the vendor's error table (md/_errors.md of moysklad/api-remap-1.2-doc).
public static class MoySkladErrors
{
    public const int RateLimitCode = 1049;
    public const int ParallelLimitCode = 1073;
    private const string MoreInfo = "https://dev.moysklad.ru/doc/api/remap/1.2/#error_";

    public static JsonObject Error(string text, int code, string? parameter = null)
    {
        var error = new JsonObject { ["error"] = text, ["code"] = code };
        if (parameter is not null) error["parameter"] = parameter;
        error["moreInfo"] = MoreInfo + code;
        return error;
    }

    public static JsonObject Body(params JsonObject[] errors) => new() { ["errors"] = new JsonArray(errors) };

    public static SimResponse Response(int status, string text, int code, string? parameter = null, IReadOnlyDictionary<string, string>? headers = null) =>
        SimResponse.Json(status, Body(Error(text, code, parameter)), code, headers);

    public static SimResponse Unauthorized() =>
        Response(401, "Ошибка аутентификации: Неправильный пароль или имя пользователя или ключ авторизации", 1056);

    public static SimResponse RateLimit(IReadOnlyDictionary<string, string> headers) =>
        Response(429, "Превышено ограничение на количество запросов в единицу времени", RateLimitCode, headers: headers);

    public static SimResponse ParallelLimit() =>
        Response(429, "Превышено ограничение на одновременное количество запросов", ParallelLimitCode);

    public static SimResponse ServerError(int status) => status == 503
        ? Response(503, "Сервис временно недоступен, ведутся технические работы", 1074)
        : Response(status, "Пожалуйста, повторите попытку через некоторое время. Приложение временно недоступно", 1095);

    public static SimResponse UnknownPath(string path) => Response(404, $"Неопознанный путь: {path}", 1002);

    public static SimResponse UnknownType(string type) => Response(404, $"Неизвестный тип: {type}", 1005);

    public static SimResponse MethodNotAllowed(string method) =>
        Response(405, $"Операция {method} не поддерживается для данного ресурса", 1039);

    public static SimResponse NotFound(string type, string id) =>
        Response(404, $"Объект с типом '{type}' и идентификатором '{id}' не найден", 1021);

    public static SimResponse NotAnIdentifier() => Response(400, "Элемент URI не является идентификатором", 1000);

    public static SimResponse BadParameter(string parameter, string detail) =>
        Response(400, $"Неверно заданы параметры запроса: {detail}", 1040, parameter);

    public static SimResponse BadFilter(string detail) => Response(400, $"Ошибка фильтрации: {detail}", 1034, "filter");

    public static SimResponse BadJson(string detail) =>
        Response(400, $"Ошибка формата: входящий запрос не соответствует формату JSON ({detail})", 2001);

    public static JsonObject Required(string field) =>
        Error($"Ошибка сохранения объекта: поле '{field}' не может быть пустым или отсутствовать", 3000, field);

    public static JsonObject WrongType(string field, string type) =>
        Error($"Ошибка формата: значение поля '{field}' не соответствует типу {type}", 2016, field);
}
