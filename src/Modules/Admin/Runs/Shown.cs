using System.Globalization;
using Hub.Admin.Shell;

namespace Hub.Admin.Runs;

/// <summary>
/// Values as the Runs, Outbox and Schedules pages show them, in the reader's language: numbers grouped (ru-RU "1 234,5"),
/// times in the pages' zone (ru-RU "04.12.2026 12:00:05"), enum values by a label. Every result is HTML-encoded already;
/// the raw value stays where an attribute or the API needs it.
/// </summary>
public static class Shown
{
    private static CultureInfo Culture => PageFormat.Culture;

    /// <summary>A number in the reader's format, encoded.</summary>
    public static string N(decimal? value) => value is { } v ? Html.E(v.ToString("#,0.###", Culture)) : "";

    public static string N(long? value) => value is { } v ? Html.E(v.ToString("#,0", Culture)) : "";

    /// <summary>A time in the pages' zone: the reader's date format in Russian, the sortable one in English; encoded.</summary>
    public static string At(DateTimeOffset? at) => at is { } t ? Html.E(Text(t)) : "";

    public static string Text(DateTimeOffset t) => PageFormat.Seconds(t);

    /// <summary>A translated sentence whose placeholders are filled with plain text; the result encoded.</summary>
    public static string Say(string key, params object?[] values) => Html.E(string.Format(Culture, AdminText.T(key), values));

    /// <summary>A translated sentence whose placeholders are filled with markup that is encoded already (a link, a number from <see cref="N(decimal?)"/>).</summary>
    public static string SayHtml(string key, params string[] safe) => string.Format(CultureInfo.InvariantCulture, Html.E(AdminText.T(key)), safe);

    /// <summary>A translated word, encoded.</summary>
    public static string W(string key) => Html.E(AdminText.T(key));

    public static string Status(RunStatus status) => AdminText.T(status switch
    {
        RunStatus.Planning => "Planning",
        RunStatus.Dispatching => "Dispatching",
        RunStatus.Completed => "Completed",
        RunStatus.CompletedWithFailures => "Completed with failures",
        RunStatus.Planned => "Planned",
        RunStatus.Failed => "Failed",
        RunStatus.AwaitingConfirmation => "Awaiting confirmation",
        _ => status.ToString(),
    });

    /// <summary>A run's status as the schedules report it (the enum's name), by its label; an unknown word as it is.</summary>
    public static string Status(string status) => Enum.TryParse<RunStatus>(status, out var s) && Enum.IsDefined(s) ? Status(s) : status;

    public static string State(DeliveryState state) => AdminText.T(state switch
    {
        DeliveryState.Queued => "Queued",
        DeliveryState.Retrying => "Retrying",
        DeliveryState.Sent => "Sent",
        DeliveryState.Parked => "Parked",
        DeliveryState.Replayed => "Replayed",
        DeliveryState.Discarded => "Discarded",
        _ => state.ToString(),
    });

    /// <summary>A delivery's state as the Outbox reports it (the enum's name), by its label.</summary>
    public static string State(string state) => Enum.TryParse<DeliveryState>(state, out var s) && Enum.IsDefined(s) ? State(s) : state;

    public static string Trigger(RunTrigger trigger) => AdminText.T(trigger switch
    {
        RunTrigger.Schedule => "Schedule",
        RunTrigger.Api => "API",
        RunTrigger.Admin => "Admin page",
        RunTrigger.Cli => "Command line",
        _ => trigger.ToString(),
    });

    public static string Kind(OrderKind kind) => AdminText.T(kind == OrderKind.Transfer ? "Transfer order" : "Customer order");

    public static string Outcome(DecisionOutcome outcome) => AdminText.T(outcome switch
    {
        DecisionOutcome.Transfer => "Transfer",
        DecisionOutcome.TransferAndPurchase => "Transfer and purchase",
        DecisionOutcome.Purchase => "Purchase",
        DecisionOutcome.Skipped => "Skipped",
        _ => outcome.ToString(),
    });

    /// <summary>An external system by the name its users know (the data keeps "1c" and "moysklad").</summary>
    public static string System(string? system) => PageFormat.System(system);

    /// <summary>What a message type is, for a person: the order it sends.</summary>
    public static string Message(string? type) => type switch
    {
        "SendTransferOrder" => AdminText.T("Transfer order"),
        "SendCustomerOrder" => AdminText.T("Customer order"),
        null => "",
        _ => type,
    };
}
