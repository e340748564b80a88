using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hub.Integrations.Http;

/// <summary>
/// Traces and metrics of the calls to 1C and МойСклад. Each call is a span (<c>1c create_transfer_order</c>) around
/// the HttpClient's own; the counters say how often each system was called and with what outcome, and how much the
/// МойСклад rate limit held callers back (waits for the window, 429 answers).
/// </summary>
public sealed class IntegrationsTelemetry
{
    public const string Name = "Hub.Integrations";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _throttleWaits;
    private readonly Histogram<double> _throttleWaitDuration;
    private readonly Counter<long> _rateLimited;

    public IntegrationsTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _calls = meter.CreateCounter<long>("hub.external.calls", "{call}", "Calls to 1C and МойСклад by system, action and outcome (a status code, timeout or connection)");
        _callDuration = meter.CreateHistogram<double>("hub.external.call.duration", "s", "How long the calls to 1C and МойСклад took");
        _throttleWaits = meter.CreateCounter<long>("hub.moysklad.throttle.waits", "{wait}", "МойСклад calls that waited for room in the rate-limit window (or for a 429 pause) before being sent");
        _throttleWaitDuration = meter.CreateHistogram<double>("hub.moysklad.throttle.wait.duration", "s", "How long those calls waited");
        _rateLimited = meter.CreateCounter<long>("hub.moysklad.rate_limited", "{response}", "429 answers from МойСклад (each pauses every caller for what it says)");
    }

    public void Call(string system, string action, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "external_system", system }, { "action", action }, { "outcome", outcome } };
        _calls.Add(1, tags);
        _callDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void ThrottleWaited(TimeSpan waited)
    {
        _throttleWaits.Add(1);
        _throttleWaitDuration.Record(waited.TotalSeconds);
    }

    public void RateLimited() => _rateLimited.Add(1);
}
