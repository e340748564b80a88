using Microsoft.AspNetCore.WebUtilities;

namespace Hub.Simulators.Http;

// What a reverse proxy in front of either system answers; clients must not assume an error body is JSON.
public static class HtmlErrorPage
{
    public const string ContentType = "text/html; charset=utf-8";

    public static string For(int status) =>
        $"<html><body><h1>{status} {ReasonPhrases.GetReasonPhrase(status)}</h1></body></html>";
}
