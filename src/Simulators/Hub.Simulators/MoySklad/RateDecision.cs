namespace Hub.Simulators.MoySklad;

public sealed record RateDecision(bool Allowed, int Limit, int Remaining, long IntervalMs, long ResetMs);
