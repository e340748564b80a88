using Hub.Outbox.Deliveries;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Hub.Outbox;

/// <summary>The Outbox module: sends the orders a run planned, retries what fails for a while, and keeps the dead letters.</summary>
public static class OutboxModule
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Options(configuration));
        services.ConfigureMarten(opts => opts.RegisterDocumentType<Delivery>());
        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<IConfigureMarten>(sp => sp.GetRequiredService<DeliveryMetrics>());
        return services;
    }

    /// <summary>The order messages' retry and parking rules; called inside UseWolverine like every module's Wolverine part.</summary>
    public static void ConfigureOutbox(this WolverineOptions opts, IConfiguration configuration) =>
        opts.Policies.Add(new DeliveryFailurePolicy(Options(configuration)));

    private static OutboxOptions Options(IConfiguration configuration)
    {
        var options = new OutboxOptions();
        // An explicit list replaces the default delays instead of being merged into them by index.
        var delays = configuration.GetSection("Outbox:RetryDelays").Get<TimeSpan[]>();
        if (delays is { Length: > 0 }) options.RetryDelays = delays;
        return options;
    }
}
