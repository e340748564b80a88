using Hub.Logs.Domain;
using Hub.Logs.PruneLogs;
using Marten;
using Marten.Schema;
using Weasel.Core.Partitioning;
using Weasel.Postgresql.Tables.Partitioning;

namespace Hub.Logs.Partitions;

/// <summary>Settings of the log table's partitions, section "Logs:Partitions".</summary>
public sealed class LogPartitionOptions
{
    /// <summary>
    /// Months provisioned beyond the current one. The weekly retention run and every start roll the window on, so three
    /// months leave a hub that is neither restarted nor pruned for a quarter still writing into a month of its own.
    /// </summary>
    public int MonthsAhead { get; set; } = 3;

    /// <summary>The first problem with the settings, or null.</summary>
    public string? Problem() => MonthsAhead is < 1 or > 24 ? "Logs:Partitions:MonthsAhead must be between 1 and 24" : null;
}

/// <summary>
/// The integration log table is partitioned by month of <c>ts</c> with PostgreSQL's native RANGE partitioning, through
/// Marten's own rolling window (its ManagedRangePartitions): Marten keeps owning the table, creates the months ahead at
/// start and in db-apply, and db-assert reports a month that should exist and does not. Why monthly: retention is
/// counted in days of 90 and 180, so a month is the unit that a prune can drop whole while the partial month at the
/// cutoff stays small; a time-bounded query reads only its months.
/// <para>
/// Rows outside the window (a client's clock years off, a backfill of old records) go to the DEFAULT partition Marten
/// always adds, so nothing is ever refused for its time; retention deletes those rows one by one, as before.
/// </para>
/// </summary>
public static class LogPartitions
{
    /// <summary>The partitioned column, the one every list orders and every range bounds.</summary>
    public const string Column = "ts";

    /// <summary>
    /// pg_class.relkind of a partitioned table. A schema object on the log table (rollup triggers, search index) that finds
    /// the table not partitioned yet writes itself again: Marten rebuilds the table in that same migration, and drops it
    /// with everything on it.
    /// </summary>
    public const string PartitionedKind = "p";

    /// <summary>
    /// The months kept behind the current one, from the retention's overall limit: a month is at least 28 days, so Marten's
    /// own drop of aged months (at start, floor = this month's first day minus this many months) never removes a row the
    /// retention rule would still keep; the prune itself drops a month as soon as its end is past the cutoff.
    /// </summary>
    public static int MonthsBehind(LogRetentionOptions retention) => (int)Math.Ceiling(retention.AllDays / 28.0);

    public static ManagedRangePartitions Manager(LogPartitionOptions partitions, LogRetentionOptions retention, TimeProvider clock)
    {
        if (partitions.Problem() is { } problem) throw new InvalidOperationException(problem);
        return new ManagedRangePartitions(RollingWindowPolicy.Monthly(partitions.MonthsAhead, MonthsBehind(retention)), clock);
    }

    /// <summary>Applied to the log table's mapping after its duplicated columns exist (the window needs the ts column).</summary>
    public static void Apply(DocumentMapping map, ManagedRangePartitions manager) =>
        new PartitioningExpression(map, [Column]).ByRollingRange(manager);

    /// <summary>The name of a month's partition as Weasel gives it: the table's name, an underscore, the policy's suffix.</summary>
    public static string PartitionName(RollingWindowPolicy policy, DateTimeOffset monthStart) =>
        IntegrationLogMapping.TableName + "_" + policy.SuffixFor(monthStart);

    /// <summary>The month a partition of this table covers, when the policy named it (never the DEFAULT one).</summary>
    public static bool TryMonthOf(RollingWindowPolicy policy, string partitionName, out DateTimeOffset from, out DateTimeOffset to)
    {
        from = to = default;
        var prefix = IntegrationLogMapping.TableName + "_";
        if (!partitionName.StartsWith(prefix, StringComparison.Ordinal)
            || !policy.TryParseSuffix(partitionName[prefix.Length..], out from)) return false;
        to = policy.AddPeriods(from, 1);
        return true;
    }
}
