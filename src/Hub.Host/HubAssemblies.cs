using System.Reflection;

namespace Hub.Host;

/// <summary>The assemblies that hold endpoints and handlers: the host's and each module's, nothing else.</summary>
public static class HubAssemblies
{
    public static readonly Assembly[] Modules =
    [
        typeof(Hub.Logs.LogsModule).Assembly,
        typeof(Hub.Outbox.OutboxModule).Assembly,
        typeof(Hub.Replenishment.ReplenishmentModule).Assembly,
        typeof(Hub.Admin.AdminModule).Assembly,
    ];

    public static readonly Assembly[] All = [typeof(HubAssemblies).Assembly, .. Modules];
}
