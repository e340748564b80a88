using System.Text.Json.Serialization;
using Hub.Contracts.Replenishment;
using Hub.Replenishment.Planning;
using Marten;
using Marten.Schema;

namespace Hub.Replenishment.Runs;

/// <summary>
/// One replenishment run: what triggered it, what it read, every decision with its reason, each order and
/// what became of it. The plan and the outbox messages of its orders are committed in one transaction.
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
    public long? ReadMs { get; set; }
    public long? PlanMs { get; set; }
    public string? Error { get; set; }

    public RunInputs? Inputs { get; set; }
    public List<Decision> Decisions { get; set; } = [];
    public Dictionary<string, int> Skipped { get; set; } = [];
    public List<string> Warnings { get; set; } = [];
    public List<RunOrder> Orders { get; set; } = [];

    public string Scope => WarehouseId?.ToString() ?? AllWarehouses;

    public bool IsActive => Status is RunStatus.Planning or RunStatus.Dispatching;

    /// <summary>Two scopes overlap when either covers every warehouse or both name the same one.</summary>
    public static bool Overlaps(string a, string b) => a == AllWarehouses || b == AllWarehouses || a == b;

    /// <summary>Moves a dispatching run to its end once every order has reached one.</summary>
    public void FinishIfDone(DateTimeOffset now)
    {
        if (Status != RunStatus.Dispatching || Orders.Any(o => !o.IsFinal)) return;
        End(Orders.All(o => o.State == DeliveryState.Sent) ? RunStatus.Completed : RunStatus.CompletedWithFailures, now);
    }

    /// <summary>The run reached its outcome; the scope is free again.</summary>
    public void End(RunStatus outcome, DateTimeOffset now)
    {
        Status = outcome;
        FinishedAt = now;
        ActiveScope = null;
        EndedInThisWrite = true;
    }

    /// <summary>Set by <see cref="End"/> and never stored: the write that ends the run is the one the outcome metric counts.</summary>
    [JsonIgnore] public bool EndedInThisWrite { get; private set; }

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
