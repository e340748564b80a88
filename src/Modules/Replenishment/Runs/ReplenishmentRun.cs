using Hub.Contracts.Replenishment;
using JasperFx.Events;
using Marten.Events.Projections;
using Marten.Schema;

namespace Hub.Replenishment.Runs;

/// <summary>
/// A run in a few fields, projected inline from the run's stream: what the list shows and what a trigger checks for an active
/// scope. Only the run's own events touch it (a handful per run), so its orders' thousands of events never rewrite it; what
/// the run read and decided is in <see cref="RunPlan"/>, written once, and its orders' states in the Outbox's delivery view.
/// </summary>
public sealed class ReplenishmentRun
{
    /// <summary>The scope of a run for every warehouse; a run for one warehouse uses that warehouse's key.</summary>
    public const string AllWarehouses = "all";

    public Guid Id { get; set; }
    public RunTrigger Trigger { get; set; }
    public Guid? WarehouseId { get; set; }
    public bool DryRun { get; set; }
    public RunStatus Status { get; set; }

    /// <summary>Set while the run is planning or dispatching, null after: a unique index on it lets one run per scope be active.</summary>
    public string? ActiveScope { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? PlanningStartedAt { get; set; }
    public DateTimeOffset? PlannedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>When every order had been tried once and the run gave up its scope; null while an order still waits for its first attempt.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }
    public long? ReadMs { get; set; }
    public long? PlanMs { get; set; }
    public string? Error { get; set; }
    public RunError? ErrorParts { get; set; }
    public int Deficits { get; set; }
    public int OrderCount { get; set; }

    /// <summary>The counts when the run finished; while it dispatches the list asks the delivery view.</summary>
    public int Sent { get; set; }
    public int Failed { get; set; }

    public string Scope => WarehouseId?.ToString() ?? AllWarehouses;

    public bool IsActive => Status is RunStatus.Planning or RunStatus.Dispatching or RunStatus.AwaitingConfirmation;

    /// <summary>A person started it without a yes beforehand (see <see cref="RunRequested.AsksToConfirm"/>).</summary>
    public bool AsksToConfirm { get; set; }

    /// <summary>While it waits for a confirmation: when it gives up.</summary>
    public DateTimeOffset? ConfirmBy { get; set; }

    /// <summary>Who confirmed or declined its plan, when a person was asked.</summary>
    public string? AnsweredBy { get; set; }

    /// <summary>Its orders are the plan's, never sent: a dry run, one waiting for a confirmation, or one whose plan was declined.</summary>
    public bool OrdersUnsent => RunDetail.Unsent(DryRun, Status);

    /// <summary>Two scopes overlap when either covers every warehouse or both name the same one.</summary>
    public static bool Overlaps(string a, string b) => a == AllWarehouses || b == AllWarehouses || a == b;

    public static ReplenishmentRun Create(RunRequested e) => new()
    {
        Id = e.RunId, Trigger = e.Trigger, WarehouseId = e.WarehouseId, DryRun = e.DryRun, Status = RunStatus.Planning,
        // A dry run sends nothing, so it claims no scope and conflicts with nothing. For a real run, the unique index on
        // ActiveScope is the last guard behind the start's lock: two identical claims can never both be stored.
        ActiveScope = e.DryRun ? null : e.WarehouseId?.ToString() ?? AllWarehouses,
        RequestedAt = e.At,
        AsksToConfirm = e.AsksToConfirm,
    };

    public void Apply(RunPlanningStarted e) => PlanningStartedAt = e.At;

    public void Apply(RunPlanned e)
    {
        PlannedAt = e.At;
        ReadMs = e.ReadMs;
        PlanMs = e.PlanMs;
        Deficits = e.Decisions.Count;
        OrderCount = e.Orders;
        if (Status == RunStatus.Planning) Status = RunStatus.Dispatching;
    }

    public void Apply(RunAwaitingConfirmation e)
    {
        if (Status != RunStatus.Dispatching) return;
        Status = RunStatus.AwaitingConfirmation;
        ConfirmBy = e.ExpiresAt;
    }

    public void Apply(RunConfirmed e)
    {
        if (Status != RunStatus.AwaitingConfirmation) return;
        Status = RunStatus.Dispatching;
        AnsweredBy = e.By;
        ConfirmBy = null;
    }

    /// <summary>The <see cref="RunFinished"/> appended with it ends the run Planned.</summary>
    public void Apply(RunDeclined e)
    {
        AnsweredBy = e.By;
        ConfirmBy = null;
    }

    public void Apply(RunDispatched e)
    {
        DispatchedAt = e.At;
        ActiveScope = null;
    }

    public void Apply(RunFailed e)
    {
        Error = e.Error;
        ErrorParts = e.Parts;
        End(RunStatus.Failed, e.At);
    }

    public void Apply(RunFinished e)
    {
        // A second end (two nodes checking at once) changes nothing.
        if (!IsActive) return;
        Sent = e.Sent;
        Failed = e.Failed;
        End(e.Outcome, e.At);
    }

    /// <summary>A replayed order reopens its finished run until it ends again; the scope stays free for new runs meanwhile.</summary>
    public void Apply(RunReopened e)
    {
        if (Status is not (RunStatus.Completed or RunStatus.CompletedWithFailures)) return;
        Status = RunStatus.Dispatching;
        FinishedAt = null;
    }

    private void End(RunStatus outcome, DateTimeOffset at)
    {
        Status = outcome;
        FinishedAt = at;
        ActiveScope = null;
    }

    private static void Column(DocumentMapping map, string member, string pgType, string column, bool notNull = false) =>
        map.DuplicateField([typeof(ReplenishmentRun).GetProperty(member)!], pgType, column, notNull);

    public static void ConfigureMarten(DocumentMapping<ReplenishmentRun> map)
    {
        map.Alias = "replenishment_run";
        // Named columns: the list's keyset SQL uses them, and operators read them in psql.
        Column(map, nameof(RequestedAt), "timestamptz", "requested_at", notNull: true);
        Column(map, nameof(Status), "text", "status");
        Column(map, nameof(ActiveScope), "text", "active_scope");
        map.Indexes.Add(new DocumentIndex(map, "active_scope") { IsUnique = true });
        map.Indexes.Add(new DocumentIndex(map, "requested_at", "id"));
    }
}

/// <summary>The plan of a run, projected once from <see cref="RunPlanned"/>: the run page's inputs, decisions, warnings and orders as planned.</summary>
public sealed class RunPlan
{
    public Guid Id { get; set; }
    public RunInputs? Inputs { get; set; }
    public List<Decision> Decisions { get; set; } = [];
    public Dictionary<string, int> Skipped { get; set; } = [];
    public List<string> Warnings { get; set; } = [];
    public List<PlanWarning> WarningParts { get; set; } = [];
    /// <summary>A dry run's orders, planned and never sent; a real run's are read from the Outbox's delivery view.</summary>
    public List<RunOrder> Unsent { get; set; } = [];

    public static void ConfigureMarten(DocumentMapping<RunPlan> map) => map.Alias = "replenishment_run_plan";
}

/// <summary>Writes a run's <see cref="RunPlan"/> once, when the plan is appended, in the same transaction.</summary>
public sealed partial class RunPlanProjection : EventProjection
{
    public RunPlan Create(IEvent<RunPlanned> e) => new()
    {
        Id = e.StreamId, Inputs = e.Data.Inputs, Decisions = e.Data.Decisions.ToList(), Skipped = e.Data.Skipped.ToDictionary(),
        Warnings = e.Data.Warnings.ToList(), WarningParts = e.Data.WarningParts.ToList(), Unsent = e.Data.Unsent.ToList(),
    };
}

/// <summary>
/// What a run's page shows of its plan: what was read, the first decisions and how many there are. Written once with the
/// plan, so a page polled every 2 s during a run of thousands of orders reads a few kilobytes, not the whole plan.
/// </summary>
public sealed class RunPlanPreview
{
    public const int DecisionsKept = 200;

    public Guid Id { get; set; }
    public RunInputs? Inputs { get; set; }
    public List<Decision> Decisions { get; set; } = [];
    public int DecisionCount { get; set; }
    public Dictionary<string, int> Skipped { get; set; } = [];
    public List<string> Warnings { get; set; } = [];
    public List<PlanWarning> WarningParts { get; set; } = [];
    public int UnsentCount { get; set; }

    public static void ConfigureMarten(DocumentMapping<RunPlanPreview> map) => map.Alias = "replenishment_run_plan_preview";
}

/// <summary>Writes a run's <see cref="RunPlanPreview"/> once, with its plan.</summary>
public sealed partial class RunPlanPreviewProjection : EventProjection
{
    public RunPlanPreview Create(IEvent<RunPlanned> e) => new()
    {
        Id = e.StreamId, Inputs = e.Data.Inputs, Decisions = e.Data.Decisions.Take(RunPlanPreview.DecisionsKept).ToList(),
        DecisionCount = e.Data.Decisions.Count, Skipped = e.Data.Skipped.ToDictionary(), Warnings = e.Data.Warnings.ToList(),
        WarningParts = e.Data.WarningParts.ToList(), UnsentCount = e.Data.Unsent.Count,
    };
}
