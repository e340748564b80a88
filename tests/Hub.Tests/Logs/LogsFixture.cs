using Hub.Tests.Infrastructure;

namespace Hub.Tests.Logs;

public sealed class LogsFixture : HubFixture
{
    protected override string DatabaseName => "logs";
}

[CollectionDefinition(Name)]
public sealed class LogsCollection : ICollectionFixture<LogsFixture>
{
    public const string Name = "logs";
}
