using Hub.Admin.Shell;

namespace Hub.Admin.Runs;

/// <summary>
/// Why a shelf is ordered for or skipped, said in the reader's language from the reason's parts (a code, its numbers and
/// names) the planner records beside its English sentence. A plan made before the parts were recorded has only the sentence.
/// </summary>
public static class DecisionReasons
{
    /// <summary>The reason as HTML, encoded.</summary>
    public static string Render(Decision d) => d.ReasonSteps.Count == 0 ? Html.E(d.Reason) : string.Join("; ", d.ReasonSteps.Select(Step));

    private static string Step(ReasonStep s)
    {
        decimal N(int i) => i < s.Numbers.Count ? s.Numbers[i] : 0m;
        string Name(int i) => Html.E(i < s.Names.Count ? s.Names[i] : "");
        return s.Code switch
        {
            ReasonCode.BelowMinimum => BelowMinimum(s),
            ReasonCode.NegativeCountedAsZero => Shown.W(N(0) > 0 ? "negative free stock counted as 0" : "negative balance counted as 0"),
            ReasonCode.ToReachMaximum => Shown.SayHtml("{0} to reach the maximum {1}", Shown.N(N(0)), Shown.N(N(1))),
            ReasonCode.ToReachMinimum => Shown.SayHtml("{0} to reach the minimum", Shown.N(N(0))),
            ReasonCode.DonorGives => Shown.SayHtml("{0} gives {1} of its surplus {2}", Name(0), Shown.N(N(0)), Shown.N(N(1))),
            ReasonCode.RoundedUpToPackages => Shown.SayHtml("{0} to buy rounded up to {1}, whole packages “{2}” of {3}", Shown.N(N(0)), Shown.N(N(1)), Name(0), Shown.N(N(2))),
            ReasonCode.NothingToOrder => Shown.W("nothing to order"),
            ReasonCode.MoreToBuy => Shown.SayHtml("{0} more to buy", Shown.N(N(0))),
            ReasonCode.NoDonorSurplus => Shown.SayHtml("no donor has surplus; {0} to buy", Shown.N(N(0))),
            _ => Html.E(s.Code),
        };
    }

    /// <summary>"balance 3 (+ 2 on its way: 2 ordered in 1C, not received) &lt; minimum 10", the free stock named when some is promised.</summary>
    private static string BelowMinimum(ReasonStep s)
    {
        decimal N(int i) => i < s.Numbers.Count ? s.Numbers[i] : 0m;
        var (onHand, toShip, onWay, minimum) = (N(0), N(1), N(2), N(3));
        var stock = toShip > 0
            ? Shown.SayHtml("free stock {0} ({1} on hand − {2} to ship)", Shown.N(onHand - toShip), Shown.N(onHand), Shown.N(toShip))
            : Shown.SayHtml("balance {0}", Shown.N(onHand));
        // Each source of what is on its way is one of the planner's fixed phrases, translated as such.
        var sources = string.Join(", ", s.Names.Select((name, i) => $"{Shown.N(N(4 + i))} {Html.E(AdminText.T(name))}"));
        var way = onWay > 0 ? " " + Shown.SayHtml("+ {0} on its way ({1})", Shown.N(onWay), sources) : "";
        return $"{stock}{way} {Shown.SayHtml("< minimum {0}", Shown.N(minimum))}";
    }
}

/// <summary>What a plan noticed, said in the reader's language from each warning's parts; a plan without them shows its sentences.</summary>
public static class PlanWarnings
{
    /// <summary>Each warning as HTML, encoded.</summary>
    public static IEnumerable<string> Render(RunDetail run) => run.WarningParts.Count == run.Warnings.Count && run.Warnings.Count > 0
        ? run.WarningParts.Select(One)
        : run.Warnings.Select(w => Html.E(w));

    private static string One(PlanWarning w)
    {
        string V(int i) => i < w.Values.Count ? w.Values[i] : "";
        string N(int i) => decimal.TryParse(V(i), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Shown.N(n) : Html.E(V(i));
        string Text(int i) => Html.E(V(i));
        return w.Code switch
        {
            PlanWarningCode.RepeatedBalances => Shown.SayHtml("{0} balance rows repeated a warehouse, item and characteristic; their quantities were added up.", N(0)),
            PlanWarningCode.WarehouseNotListed => Shown.SayHtml("Warehouse {0} is not among the warehouses 1C listed; nothing was planned.", Text(0)),
            PlanWarningCode.ItemsNotInUse => Shown.SayHtml("{0} minimum levels name items 1C does not list as in use (marked for deletion, or groups); they were not planned.", N(0)),
            PlanWarningCode.DonorNotListed => Shown.SayHtml("Donor warehouse “{0}” is not among the warehouses 1C listed; it gives nothing.", Text(0)),
            PlanWarningCode.DonorNameRepeated => Shown.SayHtml("{0} warehouses in 1C are named “{1}”; the first ({2}) is the donor.", N(0), Text(1), Text(2)),
            PlanWarningCode.LevelsGivenTwice => Shown.SayHtml("{0} minimum levels were given twice with different values; the higher one was used.", N(0)),
            PlanWarningCode.MoySkladNotConfigured => Shown.W("МойСклад is not configured, so the customer orders sent to it count whole as on their way."),
            PlanWarningCode.ShipmentsUnknown => Shown.SayHtml("МойСклад did not say what it shipped of {0} customer orders, so they count whole as on their way: {1}", N(0), Text(1)),
            PlanWarningCode.TransfersCannotBeSent => Shown.SayHtml("Transfer orders could not be sent: {0}", Text(0)),
            _ => Html.E(w.Code),
        };
    }
}

/// <summary>Why a run failed, in the reader's language from the error's parts; a failure without them shows its sentence.</summary>
public static class RunErrors
{
    /// <summary>The error as HTML, encoded; empty when there is none.</summary>
    public static string Render(RunError? parts, string? error)
    {
        if (parts is null) return Html.E(error);
        string V(int i) => Html.E(i < parts.Values.Count ? parts.Values[i] : "");
        return parts.Code switch
        {
            RunErrorCode.OneCNotConfigured => Shown.W("1C is not configured: set OneC:BaseUrl, OneC:User and OneC:Password."),
            RunErrorCode.ReadingOneCFailed => Shown.SayHtml("Reading 1C failed: {0}", V(0)),
            RunErrorCode.WarehouseNotListed => Shown.SayHtml("Warehouse {0} is not among the {1} warehouses 1C lists.", V(0), V(1)),
            RunErrorCode.TransfersCannotBeSent => Shown.SayHtml("Transfer orders cannot be sent: {0}", V(0)),
            _ => Html.E(error),
        };
    }
}
