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
