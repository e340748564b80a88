using Hub.Contracts.Replenishment;
using Hub.Replenishment.Runs;
using Hub.Replenishment.Schedule;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Hub.Replenishment;

/// <summary>The Replenishment module: runs that turn 1C's deficits into orders, on a schedule and on demand.</summary>
public static class ReplenishmentModule
{
    /// <summary>The queue that ends and reopens runs as their orders change, one notice at a time.</summary>
    public const string DeliveryQueue = "run-deliveries";

    public static IServiceCollection AddReplenishment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Options(configuration));
        services.ConfigureMarten(opts =>
        {
            // A run is an event stream; its summary and its plan are projected in the transaction that appends.
            opts.Projections.Snapshot<ReplenishmentRun>(SnapshotLifecycle.Inline);
            opts.Projections.Add(new RunPlanProjection(), ProjectionLifecycle.Inline);
            opts.Projections.Add(new RunPlanPreviewProjection(), ProjectionLifecycle.Inline);
            opts.Events.AddEventTypes([typeof(RunRequested), typeof(RunPlanningStarted), typeof(RunPlanned), typeof(RunFailed), typeof(RunFinished), typeof(RunDispatched),
                typeof(RunReopened), typeof(OrderQueued), typeof(RunAwaitingConfirmation), typeof(RunConfirmed), typeof(RunDeclined)]);
        });
        services.ConfigureMarten(opts => opts.RegisterDocumentType<LastOccurrence>());
        // After the Outbox's upgrade of the deliveries (registered before this module), before Wolverine handles any message.
        services.AddHostedService<Upgrade.RunHistoryUpgrade>();
        services.AddSingleton<RunMetrics>();
        services.AddSingleton<Reading.WarehouseDirectory>();
        services.AddScoped<IRuns, Reading.RunDesk>();
        services.AddScoped<ISchedules, Reading.RunDesk>();
        services.AddSingleton<IConfigureMarten>(sp => sp.GetRequiredService<RunMetrics>());
        return services;
    }

    /// <summary>
    /// The module's queues and its schedule. Called inside UseWolverine: registering a recurring message adds
    /// Wolverine's agent services, which an extension resolved from the container may no longer do.
    /// The schedule exists only in a serving host: describe and the other diagnostics run Wolverine without
    /// agents, and Wolverine refuses recurring messages that could never fire.
    /// </summary>
    public static void ConfigureReplenishment(this WolverineOptions opts, IConfiguration configuration, bool withSchedule)
    {
        var options = Options(configuration);
        opts.LocalQueue(DeliveryQueue).Sequential();
        opts.PublishMessage<OrderDeliveryChanged>().ToLocalQueue(DeliveryQueue);
        if (!withSchedule) return;
        opts.Schedules.ScheduleRecurring(ScheduledReplenishment.ScheduleName,
            new CronSchedule(options.Schedule, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone)),
            occurrence => new ScheduledReplenishment(occurrence));
    }

    private static ReplenishmentOptions Options(IConfiguration configuration)
    {
        var options = new ReplenishmentOptions();
        configuration.GetSection("Replenishment").Bind(options);
        return options;
    }
}
