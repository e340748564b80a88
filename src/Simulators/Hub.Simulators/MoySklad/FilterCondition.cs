namespace Hub.Simulators.MoySklad;

public sealed record FilterCondition(string Field, bool Negated, string Value);
