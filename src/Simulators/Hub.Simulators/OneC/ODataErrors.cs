using System.Text.Json.Nodes;
using Hub.Simulators.Http;

namespace Hub.Simulators.OneC;

// Codes: "-1" internal (as 1C reports it), "9" unknown resource or object, "13" a request the simulated base refuses.
public static class ODataErrors
{
    public static SimResponse Error(int status, string code, string message) => SimResponse.Json(status, new JsonObject
    {
        ["odata.error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = new JsonObject { ["lang"] = "ru", ["value"] = message },
        },
    });

    public static SimResponse BadRequest(string message) => Error(400, "13", message);

    public static SimResponse NotFound(string message) => Error(404, "9", message);

    public static SimResponse Internal(int status, string message) => Error(status, "-1", message);

    public static SimResponse MethodNotAllowed(string method, string resource) =>
        Error(405, "13", $"Метод {method} не поддерживается для ресурса {resource}");
}
