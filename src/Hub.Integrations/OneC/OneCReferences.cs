namespace Hub.Integrations.OneC;

/// <summary>
/// What the 1C client learns once per process: the base's $metadata and the organization and priority from settings.
/// The typed client is a new instance per use, so a cache inside it would repeat these reads for every order.
/// A failed resolution is not kept: the next run tries again (someone may have fixed the setting or the base).
/// </summary>
public sealed class OneCReferences
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private OneCMetadata? _metadata;
    private TransferDefaults? _defaults;

    public Task<OneCMetadata> MetadataAsync(Func<CancellationToken, Task<OneCMetadata>> load, CancellationToken ct) =>
        OnceAsync(() => _metadata, v => _metadata = v, load, ct);

    public Task<TransferDefaults> DefaultsAsync(Func<CancellationToken, Task<TransferDefaults>> resolve, CancellationToken ct) =>
        OnceAsync(() => _defaults, v => _defaults = v, resolve, ct);

    /// <summary>Forgets what was learned, so the next use asks the base again (after a settings change in tests or at a reload).</summary>
    public void Reset() => (_metadata, _defaults) = (null, null);

    private async Task<T> OnceAsync<T>(Func<T?> get, Action<T> set, Func<CancellationToken, Task<T>> load, CancellationToken ct) where T : class
    {
        if (get() is { } done) return done;
        await _once.WaitAsync(ct);
        try
        {
            if (get() is { } loaded) return loaded;
            var value = await load(ct);
            set(value);
            return value;
        }
        finally
        {
            _once.Release();
        }
    }
}
