using Hub.Tests.Infrastructure;

namespace Hub.Tests.Logs;

public sealed class LogsFixture : HubFixture
{
    protected override string DatabaseName => "logs";

    // Small prune batches, so a test of a few hundred rows runs through many of them.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logs:Retention:BatchSize"] = "7",
        ["Logs:Retention:PauseMilliseconds"] = "0",
    };
}

[CollectionDefinition(Name)]
public sealed class LogsCollection : ICollectionFixture<LogsFixture>
{
    public const string Name = "logs";
}
