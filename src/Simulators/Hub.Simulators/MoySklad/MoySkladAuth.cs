using System.Net.Http.Headers;
using System.Text;

namespace Hub.Simulators.MoySklad;

public static class MoySkladAuth
{
    // Basic costs 4 units, as a user login does from 2026-12-01; the simulator's token plays a solution token.
    public const int BearerCost = 1;
    public const int BasicCost = 4;

    public static MoySkladCredential? Authenticate(HttpRequest request, SimulatorOptions options)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)) return null;
        if (header.Parameter is null) return null;
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter == options.MoySkladToken
                ? new MoySkladCredential($"bearer:{header.Parameter}", BearerCost, false)
                : null;
        }

        if (!header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) return null;
        var (login, password) = DecodeBasic(header.Parameter);
        return login == options.MoySkladLogin && password == options.MoySkladPassword
            ? new MoySkladCredential($"basic:{login}", BasicCost, true)
            : null;
    }

    public static (string? Login, string? Password) DecodeBasic(string parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':');
            return colon < 0 ? (null, null) : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
