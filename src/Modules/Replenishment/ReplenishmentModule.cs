using Hub.Contracts.Replenishment;
using Hub.Replenishment.Runs;
using Hub.Replenishment.Schedule;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Hub.Replenishment;

/// <summary>The Replenishment module: runs that turn 1C's deficits into orders, on a schedule and on demand.</summary>
public static class ReplenishmentModule
{
    /// <summary>The queue that writes delivery notices onto runs, one at a time.</summary>
    public const string DeliveryQueue = "run-deliveries";

    public static IServiceCollection AddReplenishment(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ReplenishmentOptions();
        configuration.GetSection("Replenishment").Bind(options);
        // Bind merges a configured list into the default one by index; a configured list replaces it instead.
        var donors = configuration.GetSection("Replenishment:Donors").Get<string[]>();
        if (donors is { Length: > 0 }) options.Donors = donors;
        services.AddSingleton(options);
        services.ConfigureMarten(opts => opts.RegisterDocumentType<ReplenishmentRun>());
        services.AddSingleton<IWolverineExtension>(new ReplenishmentWolverine(options));
        return services;
    }

    private sealed class ReplenishmentWolverine(ReplenishmentOptions options) : IWolverineExtension
    {
        public void Configure(WolverineOptions opts)
        {
            opts.LocalQueue(DeliveryQueue).Sequential();
            opts.PublishMessage<OrderDeliveryChanged>().ToLocalQueue(DeliveryQueue);
            opts.Schedules.ScheduleRecurring(ScheduledReplenishment.ScheduleName,
                new CronSchedule(options.Schedule, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone)),
                occurrence => new ScheduledReplenishment(occurrence));
        }
    }
}
