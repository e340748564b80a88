namespace Hub.Simulators.Catalogue;

// The organisation and counterparty exist so customer orders can carry the required meta references.
public sealed record LegalEntity(Guid Id, string Name, string Code, string Inn);
