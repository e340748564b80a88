using Hub.Integrations.Http;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// What the outbox does with a send that failed transiently: sends it again, same message, same id.
/// The clients' own retries happen inside each attempt.
/// </summary>
public static class Resend
{
    public static async Task<T> UntilDoneAsync<T>(Func<Task<T>> send, int attempts = 30)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send();
            }
            catch (ExternalApiException ex) when (ex.IsTransient && attempt < attempts)
            {
                // The next attempt at once: the clients have backed off already, and tests assert outcomes, not timing.
            }
        }
    }
}
