using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Hub.Simulators.OneC;

/// <summary>
/// The filtered and ordered rows of one entity set, by $filter and $orderby, while the set stays as it is. A new
/// version (balances received) or more than a few shapes start it afresh; the rows themselves are never changed.
/// </summary>
public sealed class PreparedRows
{
    private const int MaxShapes = 16;
    private readonly ConcurrentDictionary<string, List<JsonObject>> rows = new();
    private long version;

    /// <summary>Drops what was kept when the source has changed since.</summary>
    public PreparedRows For(long sourceVersion)
    {
        if (Interlocked.Exchange(ref version, sourceVersion) != sourceVersion) rows.Clear();
        return this;
    }

    public List<JsonObject>? Find(string key) => rows.GetValueOrDefault(key);

    public void Keep(string key, List<JsonObject> prepared)
    {
        if (rows.Count >= MaxShapes) rows.Clear();
        rows[key] = prepared;
    }
}
