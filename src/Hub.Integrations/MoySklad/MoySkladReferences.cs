namespace Hub.Integrations.MoySklad;

/// <summary>
/// The organization, counterparty and store named in settings, resolved once per process. The typed client is
/// a new instance per use, so a cache inside it would repeat three rate-limited lookups for every order.
/// A failed resolution is not kept: the next order tries again (a store may have been renamed back).
/// </summary>
public sealed class MoySkladReferences
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private (MsRef Organization, MsRef Counterparty, MsRef? Store)? _resolved;

    public async Task<(MsRef Organization, MsRef Counterparty, MsRef? Store)> GetAsync(
        Func<CancellationToken, Task<(MsRef, MsRef, MsRef?)>> resolve, CancellationToken ct)
    {
        if (_resolved is { } done) return done;
        await _once.WaitAsync(ct);
        try
        {
            return _resolved ??= await resolve(ct);
        }
        finally
        {
            _once.Release();
        }
    }
}
