namespace Hub.Contracts.Replenishment;

// A run as the Replenishment module exposes it: its trigger and outcome, what it read, each decision with its reason and
// each order with its lines and delivery. The Replenishment module owns how runs are stored.

public enum RunTrigger { Schedule, Api, Admin, Cli }

public enum RunStatus
{
    /// <summary>Accepted; reading 1C and planning.</summary>
    Planning,
    /// <summary>Planned; its orders are in the outbox.</summary>
    Dispatching,
    /// <summary>Every order was created.</summary>
    Completed,
    /// <summary>Every order reached an end, and some of them were parked or discarded.</summary>
    CompletedWithFailures,
    /// <summary>A dry run, or a real run whose plan was not confirmed: planned, nothing sent.</summary>
    Planned,
    /// <summary>Planning could not finish (1C unreachable, an unknown warehouse...).</summary>
    Failed,
    /// <summary>
    /// Planned, and nothing sent yet: a person started it from the admin or the command line, and the plan orders more for
    /// shelves with goods already on their way, so it waits for their yes (or no) and holds its scope meanwhile.
    /// </summary>
    AwaitingConfirmation,
}

/// <summary>A warehouse of 1C as the trigger form offers it: its Ref_Key, its name, and whether it is a donor.</summary>
public sealed record WarehouseChoice(Guid Key, string Name, bool IsDonor);

/// <summary>1C's warehouses, by name; <see cref="Error"/> says why there are none (1C not configured or not answering).</summary>
public sealed record WarehouseList(IReadOnlyList<WarehouseChoice> Items, string? Error)
{
    /// <summary>Why 1C could not be read, in the words of the failure itself (beside <see cref="Error"/>'s sentence), for a page to say in its own.</summary>
    public string? Cause { get; init; }

    /// <summary>How long 1C was waited for, when it did not answer in time.</summary>
    public int? WaitedSeconds { get; init; }

    public string? NameOf(Guid? key) => key is { } k ? Items.FirstOrDefault(w => w.Key == k)?.Name : null;
}

/// <summary>What became of a yes or no to a waiting plan: Sent, Declined, NotFound or NotAwaiting, and in words.</summary>
public sealed record RunAnswer(string Outcome, string Detail);

/// <summary>What a run read from 1C, in numbers.</summary>
public sealed record RunInputs(int Warehouses, int Items, int BalanceRows, int LevelRows, IReadOnlyList<string> Donors);

public enum OrderKind { Transfer, Purchase }

/// <summary>One planned order and its delivery as the Outbox last reported it.</summary>
public sealed class RunOrder
{
    public Guid Id { get; set; }
    public OrderKind Kind { get; set; }
    public string ExternalSystem => Kind == OrderKind.Transfer ? "1c" : "moysklad";
    public Guid? DonorKey { get; set; }
    public string? DonorName { get; set; }
    public Guid RecipientKey { get; set; }
    public string RecipientName { get; set; } = "";
    public List<PlannedLine> Lines { get; set; } = [];
    public DeliveryState State { get; set; } = DeliveryState.Queued;
    public int Attempts { get; set; }
    public string? ExternalId { get; set; }
    public string? ExternalNumber { get; set; }
    public string? Reason { get; set; }
    /// <summary><see cref="Reason"/> in its parts when operators acted on the order; null when the reason is only the failure's own words.</summary>
    public OrderReason? ReasonParts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public bool IsFinal => State is DeliveryState.Sent or DeliveryState.Parked or DeliveryState.Discarded;
}

public enum DecisionOutcome
{
    /// <summary>Donors cover all of it.</summary>
    Transfer,
    /// <summary>Donors cover part of it; the rest is bought.</summary>
    TransferAndPurchase,
    /// <summary>No donor has any to give.</summary>
    Purchase,
    /// <summary>In deficit, but nothing can be ordered (see the reason).</summary>
    Skipped,
}

/// <summary>
/// One warehouse × item × characteristic in deficit. <see cref="Balance"/> is on hand (ВНаличии), <see cref="ToShip"/>
/// what of it is promised (КОтгрузке); the free rest is what the minimum is compared with.
/// </summary>
public sealed record Decision(
    Guid WarehouseKey,
    string WarehouseName,
    Guid ItemKey,
    string ItemName,
    string? Unit,
    decimal Balance,
    decimal Minimum,
    decimal? Maximum,
    decimal Needed,
    IReadOnlyList<Allocation> FromDonors,
    decimal ToPurchase,
    DecisionOutcome Outcome,
    string Reason)
{
    // Properties, not constructor parameters with defaults: the OpenAPI schema writer cannot render a Guid default.
    public Guid CharacteristicKey { get; init; }
    public string? CharacteristicName { get; init; }
    public decimal ToShip { get; init; }
    public decimal Free => Balance - ToShip;
    /// <summary>What is already on its way to this shelf and was counted before ordering more.</summary>
    public decimal OnItsWay { get; init; }
    /// <summary>The package the order was rounded up to, where the norm names one.</summary>
    public string? Package { get; init; }
    /// <summary>Goods are on their way to this shelf and the plan orders more for it: what a person is asked about before it is sent.</summary>
    public bool AddsToGoodsOnTheirWay => OnItsWay > 0 && (ToPurchase > 0 || FromDonors.Any(a => a.Quantity > 0));
    /// <summary>
    /// <see cref="Reason"/> in its parts, each a code with its numbers and names, so a page can say it in its reader's
    /// language; empty for a plan made before the parts were recorded (its <see cref="Reason"/> is all there is).
    /// </summary>
    public IReadOnlyList<ReasonStep> ReasonSteps { get; init; } = [];
}

/// <summary>Why a run failed, by code with its values, for a page to say in its reader's language beside the run's English error.</summary>
public sealed record RunError(RunErrorCode Code, IReadOnlyList<string> Values);

public enum RunErrorCode
{
    OneCNotConfigured,
    /// <summary>Values: the failure's own message.</summary>
    ReadingOneCFailed,
    /// <summary>Values: the warehouse asked for, how many warehouses 1C lists.</summary>
    WarehouseNotListed,
    /// <summary>Values: the failure's own message.</summary>
    TransfersCannotBeSent,
}

/// <summary>Something a plan noticed, by code with its values (numbers invariant), for a page to say in its reader's language.</summary>
public sealed record PlanWarning(PlanWarningCode Code, IReadOnlyList<string> Values);

public enum PlanWarningCode
{
    /// <summary>Values: how many balance rows were added up.</summary>
    RepeatedBalances,
    /// <summary>Values: the warehouse asked for.</summary>
    WarehouseNotListed,
    /// <summary>Values: how many norms name items not in use.</summary>
    ItemsNotInUse,
    /// <summary>Values: the donor's name.</summary>
    DonorNotListed,
    /// <summary>Values: how many warehouses share the name, the name, the key of the one taken.</summary>
    DonorNameRepeated,
    /// <summary>Values: how many norms were given twice.</summary>
    LevelsGivenTwice,
    MoySkladNotConfigured,
    /// <summary>Values: how many customer orders, the last error.</summary>
    ShipmentsUnknown,
    /// <summary>Values: the error.</summary>
    TransfersCannotBeSent,
}

/// <summary>One step of a decision's reasoning; what <see cref="Numbers"/> and <see cref="Names"/> hold depends on <see cref="Code"/>.</summary>
public sealed record ReasonStep(ReasonCode Code, IReadOnlyList<decimal> Numbers, IReadOnlyList<string> Names);

public enum ReasonCode
{
    /// <summary>What the shelf holds is below its minimum. Numbers: on hand, to ship, on its way, minimum, then each source's quantity; Names: each source of what is on its way.</summary>
    BelowMinimum,
    /// <summary>A negative balance (or free stock, when Numbers[0], to ship, is above 0) was counted as 0.</summary>
    NegativeCountedAsZero,
    /// <summary>Numbers: needed, maximum.</summary>
    ToReachMaximum,
    /// <summary>Numbers: needed.</summary>
    ToReachMinimum,
    /// <summary>Names: the donor; Numbers: what it gives, its surplus.</summary>
    DonorGives,
    /// <summary>Names: the package; Numbers: to buy, rounded up to, the package's size.</summary>
    RoundedUpToPackages,
    NothingToOrder,
    /// <summary>Numbers: what is left to buy after the donors.</summary>
    MoreToBuy,
    /// <summary>Numbers: what is to buy.</summary>
    NoDonorSurplus,
}

public sealed record Allocation(Guid DonorKey, string DonorName, decimal Quantity);

/// <summary>One line of an order: an item, its characteristic where it has one (empty otherwise), and a quantity in its unit.</summary>
public sealed record PlannedLine(Guid ItemKey, string ItemName, string? Unit, decimal Quantity)
{
    public Guid CharacteristicKey { get; init; }
    public string? CharacteristicName { get; init; }
}

/// <summary>A run without its decisions: what a list shows.</summary>
public sealed record RunSummary(Guid Id, RunTrigger Trigger, string Scope, bool DryRun, RunStatus Status, DateTimeOffset RequestedAt,
    DateTimeOffset? PlannedAt, DateTimeOffset? FinishedAt, int Deficits, int Orders, int Sent, int Failed, string? Error)
{
    /// <summary><see cref="Error"/> in its parts; null when the run did not fail, or failed before they were recorded.</summary>
    public RunError? ErrorParts { get; init; }
}

public sealed record RunsPage(IReadOnlyList<RunSummary> Items, string? Next);

/// <summary>One run with what it read, every decision with its reason, and each order with its lines and delivery.</summary>
public sealed record RunDetail
{
    /// <summary>Its orders were planned and never sent: a dry run, one waiting for a confirmation, or one declined (the only way a real run ends Planned).</summary>
    public static bool Unsent(bool dryRun, RunStatus status) => dryRun || status is RunStatus.AwaitingConfirmation or RunStatus.Planned;

    public bool OrdersUnsent => Unsent(DryRun, Status);

    public required Guid Id { get; init; }
    public RunTrigger Trigger { get; init; }
    public Guid? WarehouseId { get; init; }
    public required string Scope { get; init; }
    public bool DryRun { get; init; }
    public RunStatus Status { get; init; }
    public bool IsActive => Status is RunStatus.Planning or RunStatus.Dispatching or RunStatus.AwaitingConfirmation;
    /// <summary>While the run waits for a confirmation: when it gives up and sends nothing.</summary>
    public DateTimeOffset? ConfirmBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? PlanningStartedAt { get; init; }
    public DateTimeOffset? PlannedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>When every order had been tried once and the run gave up its scope to new runs; it goes on until its orders end.</summary>
    public DateTimeOffset? DispatchedAt { get; init; }
    public long? ReadMs { get; init; }
    public long? PlanMs { get; init; }
    public string? Error { get; init; }
    /// <summary><see cref="Error"/> in its parts; null when the run did not fail, or failed before they were recorded.</summary>
    public RunError? ErrorParts { get; init; }
    public RunInputs? Inputs { get; init; }
    public IReadOnlyList<Decision> Decisions { get; init; } = [];
    public IReadOnlyDictionary<string, int> Skipped { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary><see cref="Warnings"/> in their parts, one each in the same order; empty for a plan made before they were recorded.</summary>
    public IReadOnlyList<PlanWarning> WarningParts { get; init; } = [];
    public IReadOnlyList<RunOrder> Orders { get; init; } = [];
}

/// <summary>What a run's page asks for: a page of its orders, optionally only those in one state, and its first decisions.</summary>
public sealed record RunPageQuery(DeliveryState? OrderState = null, Guid? OrdersAfter = null, int Orders = 100, int Decisions = 200);

/// <summary>
/// One run as its page shows it: the run with one page of its orders and its first decisions, how many decisions there
/// are, its orders' counts by where they stand, and the cursor of the next page of orders.
/// </summary>
public sealed record RunPageView(RunDetail Run, int DecisionCount, Outbox.RunOrderCounts OrderCounts, string? NextOrders);

/// <summary>Either the run that was started, or the active run whose scope overlaps and blocked it (<see cref="RaceLost"/>: an identical trigger won by a moment).</summary>
/// <see cref="Recent"/>: a real run of an overlapping scope started within the hour; a new one waits for a confirmation.
public sealed record RunStart(Guid? StartedRunId, RunSummary? Conflict, bool RaceLost = false, RunSummary? Recent = null);

/// <summary>One event of a run or of one of its orders: its place in the event store, its own time, its kind, the order it concerns and a line saying what happened.</summary>
public sealed record TimelineEntry(long Sequence, DateTimeOffset At, string Event, Guid? OrderId, string Text)
{
    /// <summary>
    /// What <see cref="Text"/> says, in parts, in the order the event's kind defines (numbers invariant, times ISO 8601), so
    /// a page can say it in its reader's language; empty where the text is all there is (an error, a note).
    /// </summary>
    public IReadOnlyList<string> Values { get; init; } = [];
}

/// <summary>A page of a run's timeline, oldest first; <see cref="Next"/> is the sequence to pass as <c>after</c> for the following page.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Items, long? Next);

/// <summary>What the Replenishment module lets other modules (the admin pages) read of its runs and ask of it.</summary>
public interface IRuns
{
    /// <summary>Newest runs first, keyset-paged; <paramref name="next"/> is the cursor a previous page returned.</summary>
    Task<RunsPage> ListAsync(RunStatus? status, int pageSize, string? next, CancellationToken ct);

    Task<RunDetail?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>How many runs ended failed or with failures after <paramref name="since"/>: the navigation's badge.</summary>
    Task<int> CountFailedSinceAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>The runs that failed (planning could not finish) after <paramref name="since"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RunSummary>> FailedSinceAsync(DateTimeOffset since, int limit, CancellationToken ct);

    /// <summary>A run as its page shows it, however large: a page of orders and the first decisions, never all of them.</summary>
    Task<RunPageView?> PageAsync(Guid id, RunPageQuery query, CancellationToken ct);

    /// <summary>The run's events and its orders' events in the order they happened; null when there is no such run.</summary>
    Task<TimelinePage?> TimelineAsync(Guid id, long after, int pageSize, CancellationToken ct);

    /// <summary>1C's warehouses for choosing a run's scope by name, read from 1C at most every few minutes.</summary>
    Task<WarehouseList> WarehousesAsync(CancellationToken ct);

    /// <summary>A person's yes (<paramref name="send"/>) or no to a run waiting for a confirmation, by the API's rules.</summary>
    Task<RunAnswer> AnswerAsync(Guid runId, bool send, string by, CancellationToken ct);

    /// <summary>Starts a run unless one with an overlapping scope is still planning or dispatching.</summary>
    Task<RunStart> StartAsync(RunTrigger trigger, Guid? warehouseId, bool dryRun, CancellationToken ct, bool confirmed = false);
}
