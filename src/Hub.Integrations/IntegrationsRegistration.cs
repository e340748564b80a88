using System.Net;
using Hub.Contracts.Health;
using Hub.Contracts.Logging;
using Hub.Integrations.Connections;
using Hub.Integrations.Http;
using Hub.Integrations.MoySklad;
using Hub.Integrations.OneC;
using Hub.Integrations.References;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Integrations;

public static class IntegrationsRegistration
{
    /// <summary>Both typed clients, each call logged; one МойСклад throttle for the whole process; configured names checked at start; the on-demand connection check.</summary>
    public static IServiceCollection AddIntegrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MoySkladOptions>(configuration.GetSection("MoySklad"));
        services.Configure<OneCOptions>(configuration.GetSection("OneC"));
        services.AddSingleton<MoySkladReferences>();
        services.AddSingleton<OneCReferences>();
        services.AddMetrics();
        services.AddSingleton<IntegrationsTelemetry>();
        services.AddSingleton(sp => new MoySkladThrottle(sp.GetRequiredService<IOptions<MoySkladOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IntegrationsTelemetry>()));

        services.AddHttpClient<MoySkladClient>((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<MoySkladOptions>>().Value.TimeoutSeconds))
            // Decompression makes the handler send Accept-Encoding: gzip, without which МойСклад answers 415.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddHttpMessageHandler(sp => new IntegrationCallLogger(sp.GetRequiredService<IIntegrationLogWriter>(), MoySkladClient.System, sp.GetRequiredService<IntegrationsTelemetry>()));

        services.AddHttpClient<OneCClient>((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<OneCOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddHttpMessageHandler(sp => new IntegrationCallLogger(sp.GetRequiredService<IIntegrationLogWriter>(), OneCClient.System, sp.GetRequiredService<IntegrationsTelemetry>(),
                OneCErrors.IsRefusal));

        services.AddSingleton<ReferenceChecker>();
        services.AddSingleton<ExternalReferences>();
        // A singleton: it keeps the last answer and lets only one check run at a time.
        services.AddSingleton<ConnectionCheck>();
        services.AddHostedService<ExternalReferenceCheck>();
        services.AddHealthChecks().AddCheck<ExternalReferencesHealthCheck>("external-references", tags: [HealthTags.Ready]);
        return services;
    }
}
