using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using FluentValidation;
using Hub.Logs.ExportLogs;
using Hub.Logs.GetLogStats;
using Hub.Logs.PruneLogs;
using Hub.Logs.Querying;
using Hub.Logs.TailLogs;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Host.Commands.Logs;

// JasperFx prints descriptions as Spectre markup: no square brackets in them.
[Description("Integration logs from the database: tail, export, stats, prune (--dry-run only counts)", Name = "logs")]
public sealed class LogsCommand : JasperFxAsyncCommand<LogsInput>
{
    public override async Task<bool> Execute(LogsInput input)
    {
        try
        {
            using var host = input.BuildHost();
            var services = host.Services;
            return input.Action.Trim().ToLowerInvariant() switch
            {
                "tail" => await TailAsync(input, services),
                "export" => await ExportAsync(input, services),
                "stats" => await StatsAsync(input, services),
                "prune" => await PruneAsync(input, services),
                _ => throw new BadInput($"unknown action '{input.Action}': use tail, export, stats or prune")
            };
        }
        catch (BadInput ex)
        {
            Console.Error.WriteLine($"logs {input.Action}: {ex.Message}");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            Console.Error.WriteLine($"logs {input.Action}: this database has no hub tables yet; start the hub once or run `db-apply`");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            Console.Error.WriteLine($"logs {input.Action}: cannot reach the database: {ex.GetBaseException().Message.ReplaceLineEndings(" ")}");
        }
        return false;
    }

    private static async Task<bool> TailAsync(LogsInput input, IServiceProvider services)
    {
        var filter = Filter(input);
        var interval = TimeSpan.FromSeconds(Number(input.IntervalFlag, "--interval", 1, 0.05, 3600));
        var lines = (int)Number(input.LinesFlag, "--lines", 10, 0, 10_000, whole: true);
        var tail = new LogTail(services.GetRequiredService<IDocumentStore>(), filter, TimeSpan.FromSeconds(5), TimeProvider.System);

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            Print(await tail.LastAsync(lines, stop.Token), input.JsonFlag);
            Console.Error.WriteLine("following new logs; Ctrl+C stops");
            while (!stop.IsCancellationRequested)
            {
                Print(await tail.NextAsync(stop.Token), input.JsonFlag);
                await Task.Delay(interval, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C: the normal way out.
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        return true;
    }

    private static void Print(IReadOnlyList<IntegrationLog> logs, bool json)
    {
        foreach (var log in logs)
            Console.Out.WriteLine(json ? JsonSerializer.Serialize(log, Hub.Logs.Api.LogJson.Options) : LogTail.Format(log));
    }

    private static async Task<bool> ExportAsync(LogsInput input, IServiceProvider services)
    {
        var filter = Filter(input);
        var format = ExportLogsRequest.ParseFormat(input.FormatFlag) ?? throw new BadInput("--format is csv or ndjson");
        var delimiter = ExportLogsRequest.ParseDelimiter(input.DelimiterFlag) ?? throw new BadInput("--delimiter is comma or semicolon");
        var path = Path.GetFullPath(input.OutFlag is { Length: > 0 } o ? o : LogExport.FileName(filter, format, DateTimeOffset.UtcNow));
        if (!Directory.Exists(Path.GetDirectoryName(path))) throw new BadInput($"--out: the directory of {path} does not exist");

        var store = services.GetRequiredService<IDocumentStore>();
        long rows;
        await using (var session = store.QuerySession())
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            rows = await LogExport.WriteAsync(session, filter, format, delimiter, file, CancellationToken.None);
        Console.Out.WriteLine($"exported {rows} logs to {path}");
        return true;
    }

    private static async Task<bool> StatsAsync(LogsInput input, IServiceProvider services)
    {
        var bucket = GetLogStatsRequest.ParseBucket(input.BucketFlag) ?? throw new BadInput("--bucket is hour or day");
        var grouping = GetLogStatsRequest.ParseGrouping(input.GroupByFlag) ?? throw new BadInput("--group-by is system, process, system,process or none");
        var zone = GetLogStatsRequest.ParseZone(input.TzFlag, services.GetRequiredService<IOptions<LogStatsOptions>>().Value.TimeZone)
                   ?? throw new BadInput($"--tz: '{input.TzFlag}' is not a known time zone (e.g. Europe/Moscow, UTC)");
        var from = Time(input.FromFlag, "--from");
        var to = Time(input.ToFlag, "--to");
        if (from is not null && to is not null && from >= to) throw new BadInput("--to must be later than --from");
        var range = StatsRange.Resolve(bucket, from, to, DateTimeOffset.UtcNow, zone);

        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        var stats = await GetLogStatsHandler.Handle(new GetLogStats(bucket, range, zone, grouping,
            Blank(input.SystemFlag)?.ToLowerInvariant(), Blank(input.ProcessFlag)), session, CancellationToken.None);

        var periodFormat = bucket == StatsBucket.Hour ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd";
        Console.Out.WriteLine($"{stats.Bucket} stats, {stats.From.ToString(periodFormat, CultureInfo.InvariantCulture)} to " +
                              $"{stats.To.ToString(periodFormat, CultureInfo.InvariantCulture)} ({stats.TimeZone})");
        var header = $"{"period",-16} {"system",-12} {"process",-28} {"total",8} {"ok",8} {"failed",8} {"retrying",8} {"avg ms",10} {"p95 ms",8}";
        Console.Out.WriteLine(header);
        foreach (var row in stats.Items)
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Period.ToString(periodFormat, CultureInfo.InvariantCulture),-16} {Cell(row.ExternalSystem, grouping.HasFlag(StatsGrouping.System)),-12} " +
                $"{Cell(row.ProcessName, grouping.HasFlag(StatsGrouping.Process)),-28} {row.Total,8} {row.Succeeded,8} {row.Failed,8} {row.Retrying,8} " +
                $"{(row.AvgElapsedMs is { } avg ? avg.ToString("0.0", CultureInfo.InvariantCulture) : "-"),10} {(row.P95ElapsedMs?.ToString(CultureInfo.InvariantCulture) ?? "-"),8}"));
        if (stats.Items.Count == 0) Console.Out.WriteLine("(no logs in this range)");
        return true;
    }

    private static string Cell(string? value, bool grouped) => grouped ? value ?? "(none)" : "*";

    private static async Task<bool> PruneAsync(LogsInput input, IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<LogRetentionOptions>>().Value;
        var options = new LogRetentionOptions
        {
            SuccessDays = (int)Number(input.SuccessDaysFlag, "--success-days", configured.SuccessDays, 1, 36_500, whole: true),
            AllDays = (int)Number(input.AllDaysFlag, "--all-days", configured.AllDays, 1, 36_500, whole: true),
            BatchSize = configured.BatchSize,
            PauseMilliseconds = configured.PauseMilliseconds,
            WholeMonths = configured.WholeMonths,
        };
        if (options.Problem() is { } problem) throw new BadInput(problem);

        var pruner = new LogPruner(services.GetRequiredService<IDocumentStore>(), options,
            services.GetRequiredService<Weasel.Postgresql.Tables.Partitioning.ManagedRangePartitions>().Policy);
        var plan = pruner.Plan(DateTimeOffset.UtcNow);
        Console.Out.WriteLine($"rule: status success older than {options.SuccessDays} days (before {plan.SuccessCutoff:u}), " +
                              $"any log older than {options.AllDays} days (before {plan.AllCutoff:u}{(options.WholeMonths ? ", the first day of its month: Logs:Retention:WholeMonths" : "")})");
        // The counts come first, so an operator sees what a run is about to delete.
        var due = await pruner.CountAsync(plan, CancellationToken.None);
        Console.Out.WriteLine($"due: {due.Successful} successful, {due.Expired} older, {due.Total} in all");
        if (input.DryRunFlag)
        {
            Console.Out.WriteLine("dry run: nothing deleted");
            return true;
        }

        var lastReport = DateTime.UtcNow;
        var droppedSoFar = 0;
        var done = await pruner.DeleteAsync(plan, progress =>
        {
            // A month dropped whole is said at once: it is the moment the bulk of a prune is done.
            for (; droppedSoFar < progress.DroppedPartitions.Count; droppedSoFar++)
                Console.Out.WriteLine($"  dropped the month {progress.DroppedPartitions[droppedSoFar]} whole ({progress.Expired} older so far)");
            if (DateTime.UtcNow - lastReport < TimeSpan.FromSeconds(2)) return;
            lastReport = DateTime.UtcNow;
            Console.Out.WriteLine($"  deleted {progress.Total}…");
        }, CancellationToken.None);
        Console.Out.WriteLine($"deleted: {done.Successful} successful, {done.Expired} older, {done.Total} in all; the stats of those periods are kept");
        if (done.DroppedPartitions.Count > 0)
            Console.Out.WriteLine($"whole months dropped: {string.Join(", ", done.DroppedPartitions)}");
        return true;
    }

    /// <summary>The list filters from flags, checked by the same rules as the API's query string.</summary>
    private static LogFilter Filter(LogsInput input)
    {
        var query = new CommandLineFilter
        {
            From = Time(input.FromFlag, "--from"),
            To = Time(input.ToFlag, "--to"),
            Level = input.LevelFlag, Status = input.StatusFlag, Process = input.ProcessFlag, Step = input.StepFlag,
            ExternalSystem = input.SystemFlag, RunId = input.RunIdFlag, RequestId = input.RequestIdFlag, JobId = input.JobIdFlag,
            Text = input.TextFlag,
        };
        var result = new LogFilterQueryValidator().Validate(query);
        if (!result.IsValid)
        {
            var error = result.Errors[0];
            throw new BadInput($"--{error.PropertyName.Replace('_', '-')}: {error.ErrorMessage}");
        }
        return query.ToFilter();
    }

    private static DateTimeOffset? Time(string? text, string flag)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : throw new BadInput($"{flag}: '{text}' is not a date and time (e.g. 2026-11-01T00:00:00Z)");
    }

    private static double Number(string? text, string flag, double fallback, double min, double max, bool whole = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max
            || (whole && value != Math.Floor(value)))
            throw new BadInput($"{flag}: '{text}' is not {(whole ? "a whole number" : "a number")} from " +
                               $"{min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private sealed class CommandLineFilter : LogFilterQuery;

    private sealed class BadInput(string message) : Exception(message);
}
