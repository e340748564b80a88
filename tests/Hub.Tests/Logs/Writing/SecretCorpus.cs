using System.Text.Json.Nodes;

namespace Hub.Tests.Logs.Writing;

/// <summary>
/// Planted secrets, each unique, in every place a caller's record can hide one: under keys in any case, separator and
/// language, deep in nested arrays, as header pairs of each shape, in text lines, URLs and JSON held in strings, as PEM
/// private keys and bare JWTs. Each record is what a service would POST to /api/v1/logs; CLEF events carry the rest.
/// </summary>
public static class SecretCorpus
{
    /// <summary>Key names a secret is known by; the hub's users write Russian, partners bring more.</summary>
    public static readonly string[] Keys =
    [
        "password", "Password", "PASSWORD", "passwd", "pwd", "passphrase", "PassPhrase", "secret", "client_secret", "ClientSecret",
        "api_key", "apiKey", "X-Api-Key", "access_key", "AccessKey", "accessToken", "refresh_token", "token", "auth_token", "bearer",
        "jwt", "session", "sessionId", "session_token", "cookie", "Set-Cookie", "authorization", "Authorization", "private_key",
        "signature", "credentials", "пароль", "Пароль", "токен", "секрет", "passwort", "contraseña", "mot_de_passe",
    ];

    public sealed record Planted(string Secret, string Where);

    /// <summary>A value nothing else in a record contains, recognisable in a failure message.</summary>
    private static string Value(int n, string where) => $"Zq{n:000}Xs3cr3tK";

    /// <summary>The records, all of one run, and every secret planted in them.</summary>
    public static (JsonArray Records, List<Planted> Secrets) Build(Guid runId)
    {
        var records = new JsonArray();
        var secrets = new List<Planted>();
        var n = 0;
        string Plant(string where)
        {
            var value = Value(n++, where);
            secrets.Add(new Planted(value, where));
            return value;
        }

        foreach (var key in Keys)
        {
            var details = new JsonObject
            {
                [key] = Plant($"details.{key}"),
                ["nested"] = new JsonArray(new JsonObject { ["level"] = new JsonArray(new JsonArray(new JsonObject { [key] = Plant($"nested.{key}") })) }),
                ["pairs"] = new JsonArray(new JsonArray(key, Plant($"pair-array.{key}"))),
                ["kv"] = new JsonArray(new JsonObject { ["Key"] = key, ["Value"] = Plant($"pair-object.{key}") }),
                ["headers"] = new JsonArray(new JsonObject { ["name"] = key, ["value"] = Plant($"name-value.{key}") }),
                ["text"] = $"{key}={Plant($"text-eq.{key}")}",
                ["as_string"] = $"{{\"{key}\":\"{Plant($"json-in-string.{key}")}\"}}",
            };
            records.Add(new JsonObject
            {
                ["process_name"] = "secret-corpus",
                ["run_id"] = runId.ToString(),
                ["message"] = $"calling partner; {key}: {Plant($"message-colon.{key}")}",
                ["error_message"] = $"GET https://partner.example/v1/items?page=2&{key}={Plant($"url-query.{key}")} failed; retry {key} = {Plant($"spaced-eq.{key}")}",
                ["details"] = details,
                ["payload"] = new JsonObject { ["items"] = new JsonArray(1, 2), ["auth"] = new JsonObject { [key] = Plant($"payload.{key}") } },
                ["request_payload"] = new JsonObject { ["headers"] = new JsonArray(new JsonArray(key, Plant($"request-pair.{key}"))) },
                ["response_payload"] = $"HTTP/1.1 401\n{key}: {Plant($"response-line.{key}")}\nContent-Type: application/json",
            });
        }

        // What no key names: header lines, PEM blocks, JWTs, connection strings and URLs with a password.
        var jwtPayload = $"eyJzdWIiOiJ7{n++:000}IiwibmFtZSI6Im9wcyJ9";
        var jwtSignature = $"SflKxwRJSMeKKF2QT4fwpMeJf36POk6y{n++:000}V_adQssw5c";
        var jwt = $"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{jwtPayload}.{jwtSignature}";
        secrets.Add(new Planted(jwtPayload, "bare-jwt payload"));
        secrets.Add(new Planted(jwtSignature, "bare-jwt signature"));
        var pemBody = $"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC{n++:000}7VJTUt9Us8cKjMzEfYyjiWA4R4";
        secrets.Add(new Planted(pemBody, "pem"));
        var linesText = string.Join("\n",
            $"Cookie: theme=dark; hub_sess={Plant("cookie-line")}",
            $"Set-Cookie: id={Plant("set-cookie-line")}; Path=/; HttpOnly",
            $"X-Api-Key: {Plant("x-api-key-line")}",
            $"Authorization: Basic {Plant("authorization-basic")}",
            $"password: {Plant("password-line")}",
            $"Proxy-Authorization: {Plant("proxy-authorization")}");
        records.Add(new JsonObject
        {
            ["process_name"] = "secret-corpus",
            ["run_id"] = runId.ToString(),
            ["message"] = $"token {jwt} rejected",
            ["error_message"] = $"Host=db;Username=hub;Password={Plant("connection-string")};Database=hub",
            ["details"] = new JsonObject
            {
                ["lines"] = linesText,
                ["pem"] = $"-----BEGIN PRIVATE KEY-----\n{pemBody}\n-----END PRIVATE KEY-----",
                ["rsa"] = $"-----BEGIN RSA PRIVATE KEY-----\n{Plant("rsa-pem")}\n-----END RSA PRIVATE KEY-----",
                ["url"] = $"postgresql://hub:{Plant("url-userinfo")}@db:5432/hub",
                ["anywhere"] = $"callback=/done/api_key={Plant("api-key-in-path")}/token={Plant("token-in-path")}",
                ["deep"] = new JsonArray(new JsonArray(new JsonArray(new JsonObject { ["Headers"] = new JsonObject { ["Authorization"] = Plant("deep-authorization") } }))),
            },
            ["payload"] = new JsonObject { ["note"] = $"пароль: {Plant("russian-text")}", ["ticket"] = $"Bearer {Plant("bearer-text")}" },
        });
        return (records, secrets);
    }

    /// <summary>What the corpus holds next to its secrets and must survive scrubbing: masking everything is not the goal.</summary>
    public static readonly string[] Kept = ["partner.example", "page=2", "Content-Type: application/json", "HTTP/1.1 401", "calling partner", "Username=hub"];

    /// <summary>CLEF events whose templates render credential-named properties into the message.</summary>
    public static (string Body, List<Planted> Secrets) Clef(Guid runId)
    {
        var secrets = new List<Planted>();
        var lines = new List<string>();
        var n = 900;
        foreach (var key in new[] { "Password", "ApiKey", "Token", "SessionId", "Пароль", "ClientSecret" })
        {
            var name = key;
            var plain = Value(n++, $"clef-template.{key}");
            var formatted = Value(n++, $"clef-rendering.{key}");
            secrets.Add(new Planted(plain, $"clef-template.{key}"));
            secrets.Add(new Planted(formatted, $"clef-rendering.{key}"));
            lines.Add(new JsonObject
            {
                ["@t"] = DateTimeOffset.UtcNow.ToString("O"),
                ["@mt"] = $"Signing in with {{{name}}} and {{{name}Text:l}} then {{{name}Formatted:x8}}",
                [name] = plain,
                [$"{name}Text"] = plain,
                [$"{name}Formatted"] = 1,
                ["@r"] = new JsonArray(formatted),
                ["RunId"] = runId.ToString(),
                ["Process"] = "secret-corpus",
            }.ToJsonString());
        }
        return (string.Join("\n", lines), secrets);
    }
}
