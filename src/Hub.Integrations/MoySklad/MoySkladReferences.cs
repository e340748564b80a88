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

    /// <summary>
    /// The product directory by externalCode, loaded whole (a page per 1000 products) instead of one lookup per
    /// order line. Reloaded when a code is missing and the copy is older than <paramref name="reloadAfter"/>,
    /// so a product added in МойСклад is found without restarting the hub.
    /// </summary>
    public Task<IReadOnlyDictionary<string, MsProduct>> ProductsAsync(IReadOnlyCollection<string> codes,
        Func<CancellationToken, Task<IReadOnlyList<MsProduct>>> load, DateTimeOffset now, TimeSpan reloadAfter, CancellationToken ct) =>
        _products.GetAsync(codes, load, now, reloadAfter, ct);

    /// <summary>The variants (an item's characteristics) by externalCode, the characteristic's Ref_Key; kept like the products.</summary>
    public Task<IReadOnlyDictionary<string, MsProduct>> VariantsAsync(IReadOnlyCollection<string> codes,
        Func<CancellationToken, Task<IReadOnlyList<MsProduct>>> load, DateTimeOffset now, TimeSpan reloadAfter, CancellationToken ct) =>
        _variants.GetAsync(codes, load, now, reloadAfter, ct);

    private readonly CodeDirectory _products = new();
    private readonly CodeDirectory _variants = new();

    private sealed class CodeDirectory
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private IReadOnlyDictionary<string, MsProduct>? _byCode;
        private DateTimeOffset _loadedAt;

        public async Task<IReadOnlyDictionary<string, MsProduct>> GetAsync(IReadOnlyCollection<string> codes,
            Func<CancellationToken, Task<IReadOnlyList<MsProduct>>> load, DateTimeOffset now, TimeSpan reloadAfter, CancellationToken ct)
        {
            await _gate.WaitAsync(ct);
            try
            {
                var stale = _byCode is null || (codes.Any(c => !_byCode.ContainsKey(c)) && now - _loadedAt > reloadAfter);
                if (stale)
                {
                    var loaded = await load(ct);
                    _byCode = loaded.Where(p => !string.IsNullOrEmpty(p.ExternalCode))
                        .GroupBy(p => p.ExternalCode!).ToDictionary(g => g.Key, g => g.First());
                    _loadedAt = now;
                }

                return _byCode!;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
