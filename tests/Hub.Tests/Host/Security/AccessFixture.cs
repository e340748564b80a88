using Hub.Tests.Infrastructure;

namespace Hub.Tests.Host.Security;

/// <summary>A host of its own for the access tests, which call every endpoint, with the legacy trigger token set too.</summary>
public sealed class AccessFixture : HubFixture
{
    public const string LegacyTriggerToken = "legacy-trigger-token-5d1c";

    protected override string DatabaseName => "access";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:TriggerToken"] = LegacyTriggerToken,
    };
}

[CollectionDefinition(Name)]
public sealed class AccessCollection : ICollectionFixture<AccessFixture>
{
    public const string Name = "access";
}
