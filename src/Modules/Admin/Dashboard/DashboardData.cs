namespace Hub.Admin.Dashboard;

/// <summary>One Moscow day of runs, counted by how they ended (or that they have not yet).</summary>
public sealed record RunDay(DateTimeOffset Start, int Completed, int WithFailures, int Failed, int PlanOnly, int InProgress)
{
    public int Total => Completed + WithFailures + Failed + PlanOnly + InProgress;
}

/// <summary>One system's log records of the last 24 hours, from the hourly rollups: all of them and those with status failed.</summary>
public sealed record SystemLogs(string? System, long Total, long Failed);

/// <summary>The schedule that fires next, or why none will: no schedule configured, or all of them paused.</summary>
public sealed record NextRun(string? Name, DateTimeOffset? At, int Schedules, int Paused);

/// <summary>
/// What the dashboard shows, read through the same reader interfaces the other pages use: the runs of the last days and
/// the latest of them, the orders sent in those days, the orders waiting for a retry and those parked, the log volume per
/// system, the next scheduled run and what needs an operator (the Runs page's own list).
/// </summary>
public sealed record DashboardData(
    DateTimeOffset Now,
    IReadOnlyList<RunDay> Days,
    bool DaysCapped,
    IReadOnlyList<RunSummary> Latest,
    WarehouseList? Warehouses,
    long OrdersSent,
    int Retrying,
    int Parked,
    IReadOnlyList<SystemLogs> Logs,
    NextRun Next,
    string NeedsAttention);
