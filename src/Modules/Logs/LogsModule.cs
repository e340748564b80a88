using Wolverine;
using Hub.Contracts.Health;
using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Hub.Logs.GetLogStats;
using Hub.Logs.Ingest;
using Hub.Logs.Partitions;
using Hub.Logs.Health;
using Hub.Logs.PruneLogs;
using Hub.Logs.Reading;
using Hub.Logs.Rollup;
using Hub.Logs.Search;
using Hub.Logs.Writing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Weasel.Postgresql.Tables.Partitioning;

namespace Hub.Logs;

/// <summary>The Logs module: the integration log document, the one writer every module uses, and the logs API.</summary>
public static class LogsModule
{
    public static IServiceCollection AddLogs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LogWriterOptions>(configuration.GetSection("Logs:Writer"));
        services.Configure<LogStatsOptions>(configuration.GetSection("Logs:Stats"));
        services.Configure<LogIngestOptions>(configuration.GetSection("Logs:Ingest"));
        services.Configure<LogRetentionOptions>(configuration.GetSection("Logs:Retention"));
        services.Configure<LogPartitionOptions>(configuration.GetSection("Logs:Partitions"));
        // One window for the store and the prune: the prune drops the months this policy named.
        services.AddSingleton(sp => LogPartitions.Manager(sp.GetRequiredService<IOptions<LogPartitionOptions>>().Value,
            sp.GetRequiredService<IOptions<LogRetentionOptions>>().Value, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        // The daily rollups follow the days of one zone (Moscow's, the business's own, unless Logs:Stats:DayZone says
        // otherwise): stats by day in that zone then read 30 or 180 days from a row a day; other zones read the hours.
        var dayZone = LogStatsOptions.DayZoneOf(configuration["Logs:Stats:DayZone"]);
        services.ConfigureMarten((sp, opts) =>
        {
            var partitions = sp.GetRequiredService<ManagedRangePartitions>();
            opts.RegisterDocumentType<IntegrationLog>();
            // The record's type is shared through Hub.Contracts; its storage is this module's, so the mapping is applied here.
            opts.Policies.ForAllDocuments(mapping =>
            {
                if (mapping.DocumentType != typeof(IntegrationLog)) return;
                IntegrationLogMapping.Configure(mapping);
                LogPartitions.Apply(mapping, partitions);
            });
            opts.Storage.Add(new LogRollupSchema(opts, dayZone));
            opts.Storage.Add<LogSearchSchema>();
        });

        services.AddSingleton<IngestMetrics>();
        services.AddScoped<ILogReader, LogReader>();
        // One instance is the writer (for every module), the background flusher and the health source.
        services.AddSingleton<BackgroundLogWriter>();
        services.AddSingleton<IIntegrationLogWriter>(sp => sp.GetRequiredService<BackgroundLogWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundLogWriter>());
        services.AddHealthChecks().AddCheck<LogWriterHealthCheck>("log_writer", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>
    /// The first problem with the retention or partition settings, or null: the log table's monthly window is built
    /// from both when the store is, so the host checks them before it starts and says which setting is wrong.
    /// </summary>
    public static string? SettingsProblem(IConfiguration configuration)
    {
        var retention = configuration.GetSection("Logs:Retention").Get<LogRetentionOptions>() ?? new LogRetentionOptions();
        var partitions = configuration.GetSection("Logs:Partitions").Get<LogPartitionOptions>() ?? new LogPartitionOptions();
        return retention.Problem() ?? partitions.Problem();
    }

    /// <summary>
    /// The weekly retention run as a Wolverine recurring message, registered inside UseWolverine like every schedule;
    /// only a serving host has schedules (the diagnostics run Wolverine without the agents that fire them).
    /// </summary>
    public static void ConfigureLogs(this WolverineOptions opts, bool withSchedule)
    {
        if (!withSchedule) return;
        opts.Schedules.ScheduleRecurring(LogRetentionSchedule.Name,
            new CronSchedule(LogRetentionSchedule.Cron, TimeZoneInfo.FindSystemTimeZoneById(LogRetentionSchedule.TimeZone)),
            _ => LogRetentionSchedule.Message());
    }
}
