using System.Net;

namespace Hub.Integrations.Http;

/// <summary>
/// One typed error for both systems, whatever shape the body had (JSON errors, odata.error, HTML, empty).
/// <see cref="IsTransient"/> decides retrying: 5xx, timeouts and dropped connections are; other 4xx never are.
/// </summary>
public sealed class ExternalApiException : Exception
{
    public ExternalApiException(string system, HttpStatusCode? status, string? code, string text, string? parameter = null, Exception? inner = null)
        : base(Describe(system, status, code, text, parameter), inner)
    {
        System = system;
        Status = status;
        Code = code;
        Text = text;
        Parameter = parameter;
    }

    public string System { get; }
    public HttpStatusCode? Status { get; }
    public string? Code { get; }
    public string Text { get; }
    public string? Parameter { get; }
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The system understood the request and refused it for a business reason (1C: "Не удалось провести", "Поле … не
    /// заполнено", "Недостаточно прав", all as HTTP 500): no retry will cure it, so it is parked at once with the system's text.
    /// </summary>
    public bool IsRefusal { get; init; }

    /// <summary>No status means the call never got an answer (timeout, refused, dropped): worth another try.</summary>
    public bool IsTransient => !IsRefusal &&
                               (Status is null || (int)Status >= 500 || Status == HttpStatusCode.TooManyRequests || Status == HttpStatusCode.RequestTimeout);

    private static string Describe(string system, HttpStatusCode? status, string? code, string text, string? parameter) =>
        $"{system}: {(status is null ? "no answer" : $"HTTP {(int)status}")}{(code is null ? "" : $" code {code}")}: {text}{(parameter is null ? "" : $" (parameter {parameter})")}";
}
