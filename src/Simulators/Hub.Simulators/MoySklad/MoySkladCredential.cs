namespace Hub.Simulators.MoySklad;

// Key identifies the limit owner; Cost is the weight of one ordinary request for this kind of credential.
public sealed record MoySkladCredential(string Key, int Cost, bool IsBasic);
