using System.Text;
using System.Text.Json;
using Hub.Contracts.Logging;
using Hub.Simulators;

namespace Hub.Tests.Infrastructure;

public static class Secrets
{
    /// <summary>Fails when any credential of the simulator, or an Authorization header value built from one, is in a record.</summary>
    public static void AssertNoneIn(SimulatorOptions o, IEnumerable<LogEntry> entries)
    {
        string[] secrets =
        [
            o.MoySkladToken, o.MoySkladPassword, o.OneCPassword,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.MoySkladLogin}:{o.MoySkladPassword}")),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.OneCUser}:{o.OneCPassword}")),
            // A header name in a stored record means headers were logged, values and all.
            "Authorization",
        ];
        foreach (var entry in entries)
        {
            var stored = JsonSerializer.Serialize(entry);
            foreach (var secret in secrets) Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
        }
    }
}
