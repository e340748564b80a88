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
        // A limit the tests can pass without sending tens of megabytes.
        ["Logs:Ingest:MaxBodyBytes"] = (4 * 1024 * 1024).ToString(),
        // The admin key's Seq clients hear that only warnings and above are wanted.
        ["Logs:Ingest:SeqMinimumLevelByKey:test-admin"] = "Warning",
    };
}

[CollectionDefinition(Name)]
public sealed class LogsCollection : ICollectionFixture<LogsFixture>
{
    public const string Name = "logs";
}
