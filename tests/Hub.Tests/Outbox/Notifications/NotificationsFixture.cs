using Hub.Tests.Infrastructure;
using JasperFx.Resources;

namespace Hub.Tests.Outbox.Notifications;

/// <summary>The hub with both channels on, pointed at a receiver on loopback, retries a few hundred milliseconds apart.</summary>
public sealed class NotificationsFixture : HubFixture
{
    public const string Secret = "test-webhook-secret-5d1c9e";
    public const string BotToken = "7001234567:AAE-test-bot-token-q8Zr";
    public const string ChatId = "-1001234567890";

    public LoopbackReceiver Receiver { get; private set; } = null!;

    protected override string DatabaseName => "notifications";

    protected override async Task StartDependenciesAsync() => Receiver = await LoopbackReceiver.StartAsync();

    protected override async Task StopDependenciesAsync() => await Receiver.DisposeAsync();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:Webhook:Url"] = new Uri(Receiver.Address, "/hook").ToString(),
        ["Notifications:Webhook:Secret"] = Secret,
        ["Notifications:Telegram:BotToken"] = BotToken,
        ["Notifications:Telegram:ChatId"] = ChatId,
        ["Notifications:Telegram:BaseUrl"] = Receiver.Address.ToString(),
        ["Notifications:HubUrl"] = "https://hub.example.ru",
        ["Notifications:RetryDelays:0"] = "00:00:00.100",
        ["Notifications:RetryDelays:1"] = "00:00:00.200",
    };

    public async Task ResetAllAsync()
    {
        await Host.ResetResourceState();
        await ResetAsync();
        Receiver.Clear();
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsFixture>
{
    public const string Name = "notifications";
}
