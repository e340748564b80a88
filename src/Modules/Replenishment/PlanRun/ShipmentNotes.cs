using System.Text.RegularExpressions;

namespace Hub.Replenishment.PlanRun;

/// <summary>
/// The note an <see cref="OrderShipped"/> keeps, written and read back here in one place: the API's timeline keeps the
/// English sentence, and its entry carries the parts (<see cref="Values"/>) for a page to say it in its reader's language.
/// </summary>
public static partial class ShipmentNotes
{
    /// <summary>The order's first value when МойСклад shipped all of it.</summary>
    public const string InFull = "shipped";

    /// <summary>The order's first value when it was deleted in МойСклад.</summary>
    public const string Gone = "gone";

    public static string ShippedInFull(string? number) => $"МойСклад shipped customer order {number} in full";

    public static string NoLongerExists(string? number) => $"customer order {number} no longer exists in МойСклад";

    /// <summary>What happened (<see cref="InFull"/> or <see cref="Gone"/>) and the order's number; empty for a note in other words.</summary>
    public static string[] Values(string note) =>
        InFullNote().Match(note) is { Success: true } full ? [InFull, full.Groups["number"].Value]
        : GoneNote().Match(note) is { Success: true } gone ? [Gone, gone.Groups["number"].Value]
        : [];

    [GeneratedRegex("^МойСклад shipped customer order (?<number>.*) in full$", RegexOptions.Singleline)]
    private static partial Regex InFullNote();

    [GeneratedRegex("^customer order (?<number>.*) no longer exists in МойСклад$", RegexOptions.Singleline)]
    private static partial Regex GoneNote();
}
