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
        var options = new OutboxOptions();
        // An explicit list replaces the default delays instead of being merged into them by index.
        var delays = configuration.GetSection("Outbox:RetryDelays").Get<TimeSpan[]>();
        if (delays is { Length: > 0 }) options.RetryDelays = delays;
        services.AddSingleton(options);
        services.ConfigureMarten(opts => opts.RegisterDocumentType<Delivery>());
        services.AddSingleton<IWolverineExtension>(new OutboxWolverine(options));
        return services;
    }

    private sealed class OutboxWolverine(OutboxOptions options) : IWolverineExtension
    {
        public void Configure(WolverineOptions opts) => opts.Policies.Add(new DeliveryFailurePolicy(options));
    }
}
