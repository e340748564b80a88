using Hub.Contracts.Health;
using Hub.Contracts.Notifications;
using Hub.Outbox.Deliveries;
using Hub.Outbox.Notifications;
using Hub.Contracts.Replenishment;
using JasperFx.Events.Projections;
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
        services.ConfigureMarten(opts =>
        {
            // Each order is an event stream; its delivery view is projected in the transaction that appends.
            opts.Projections.Add<DeliveryProjection>(ProjectionLifecycle.Inline);
            opts.Events.AddEventTypes([typeof(OrderQueued), typeof(OrderRetrying), typeof(OrderSent), typeof(OrderDeadLettered), typeof(OrderReplayed),
                typeof(OrderDiscarded), typeof(OrderShipped), typeof(OrderBroughtForward), typeof(OrderCancelled)]);
        });
        services.AddSingleton<IRunOrders, RunOrders>();
        services.AddSingleton<IOpenOrders, OpenOrders>();
        // Before Replenishment's upgrade (registered after this module) and before Wolverine handles any message.
        services.AddHostedService<Upgrade.DeliveryHistoryUpgrade>();
        services.AddHostedService<ParkedOrderReconciler>();
        services.AddSingleton<DeliveryMetrics>();
        services.AddScoped<IOutbox, Reading.OutboxDesk>();
        services.AddSingleton<IConfigureMarten>(sp => sp.GetRequiredService<DeliveryMetrics>());

        services.AddSingleton(NotificationSettings(configuration));
        services.ConfigureMarten(opts => opts.RegisterDocumentType<RunNotification>());
        services.AddSingleton<NotificationSender>();
        // No logging handler on this client: Telegram's URL carries the bot token, and a request log would print it.
        services.AddHttpClient(NotificationSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(NotificationSettings(configuration).TimeoutSeconds))
            .RemoveAllLoggers();
        services.AddHealthChecks().AddCheck<NotificationsHealthCheck>("notifications", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>The queue that records a run's failures for the notifications, one at a time, so one message goes out per run.</summary>
    public const string NotificationQueue = "notifications";

    /// <summary>
    /// The order messages' retry and parking rules, the notifications' queues and rules, and the daily digest; called inside
    /// UseWolverine like every module's Wolverine part. The digest is scheduled only in a serving host (see ConfigureReplenishment).
    /// </summary>
    public static void ConfigureOutbox(this WolverineOptions opts, IConfiguration configuration, bool withSchedule)
    {
        opts.Policies.Add(new DeliveryFailurePolicy(Options(configuration)));
        var notifications = NotificationSettings(configuration);
        opts.LocalQueue(NotificationQueue).Sequential();
        opts.PublishMessage<OrderParked>().ToLocalQueue(NotificationQueue);
        opts.PublishMessage<RunEnded>().ToLocalQueue(NotificationQueue);
        opts.Policies.Add(new NotificationFailurePolicy(notifications));
        if (!withSchedule) return;
        opts.Schedules.ScheduleRecurring(NotificationDigest.ScheduleName,
            new CronSchedule(notifications.DigestSchedule, TimeZoneInfo.FindSystemTimeZoneById(notifications.TimeZone)),
            occurrence => new NotificationDigest(occurrence));
    }

    private static NotificationOptions NotificationSettings(IConfiguration configuration)
    {
        var options = new NotificationOptions();
        configuration.GetSection("Notifications").Bind(options);
        // As with the Outbox's delays: an explicit list replaces the default one instead of being merged into it by index.
        var delays = configuration.GetSection("Notifications:RetryDelays").Get<TimeSpan[]>();
        options.RetryDelays = delays is { Length: > 0 } ? delays : new NotificationOptions().RetryDelays;
        return options;
    }

    private static OutboxOptions Options(IConfiguration configuration)
    {
        var options = new OutboxOptions();
        // An explicit list replaces the default delays instead of being merged into them by index.
        var delays = configuration.GetSection("Outbox:RetryDelays").Get<TimeSpan[]>();
        if (delays is { Length: > 0 }) options.RetryDelays = delays;
        return options;
    }
}
