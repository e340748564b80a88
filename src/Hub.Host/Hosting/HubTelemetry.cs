using Hub.Integrations.Http;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hub.Host.Hosting;

/// <summary>
/// OpenTelemetry, configured by OpenTelemetry's own environment variables: traces of HTTP requests, Wolverine messages,
/// Npgsql commands (Marten's queries) and the calls to 1C and МойСклад; metrics of the same plus the hub's own (Hub.*:
/// log ingestion, runs, orders, МойСклад's rate limit). Metrics are always scraped at <c>/metrics</c> in Prometheus's
/// format; both signals go over OTLP as well once <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a signal's own endpoint) is set.
/// </summary>
public static partial class HubTelemetry
{
    public const string DefaultServiceName = "integration-hub";
    public const string MetricsPath = "/metrics";

    private static readonly string[] OtlpEndpoints =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    public static IServiceCollection AddHubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otel = services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME wins; OTEL_RESOURCE_ATTRIBUTES adds to it (the SDK reads both).
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName,
                serviceVersion: typeof(HubTelemetry).Assembly.GetName().Version?.ToString(), serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t
                // Scrapes and probes every few seconds would bury the requests people look for.
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments(MetricsPath) && !c.Request.Path.StartsWithSegments("/health"))
                // Telegram's Bot API carries the bot token in the path (/bot<token>/sendMessage): a trace must not export it.
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    if (request.RequestUri is { } uri && BotTokenPath().IsMatch(uri.AbsolutePath))
                        activity.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}{BotTokenPath().Replace(uri.AbsolutePath, "/bot***/")}");
                })
                .AddSource("Wolverine")
                .AddNpgsql()
                .AddSource(IntegrationsTelemetry.Name))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Hub.*", "Wolverine*", "Marten", "Npgsql", "System.Runtime")
                .AddPrometheusExporter());
        if (OtlpEndpoints.Any(k => !string.IsNullOrWhiteSpace(configuration[k]))) otel.UseOtlpExporter();
        return services;
    }

    /// <summary>Prometheus scrapes without a key, as it does /health: the numbers carry no secret and no log content.</summary>
    public static void MapHubMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();

    [System.Text.RegularExpressions.GeneratedRegex("/bot[^/]+/")]
    private static partial System.Text.RegularExpressions.Regex BotTokenPath();
}
