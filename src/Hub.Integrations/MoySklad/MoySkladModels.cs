using System.Text.Json.Nodes;

namespace Hub.Integrations.MoySklad;

/// <summary>An entity reference as МойСклад wants it in a body: {"meta": {href, type, mediaType}}.</summary>
public sealed record MsRef(string Id, string Name, string Href, string Type)
{
    public JsonObject ToMeta() => new()
    {
        ["meta"] = new JsonObject { ["href"] = Href, ["type"] = Type, ["mediaType"] = "application/json" }
    };
}

public sealed record MsProduct(MsRef Ref, string? Code, string? ExternalCode);

public sealed record MsStockByStore(string ProductHref, string StoreHref, string StoreName, decimal Stock, decimal Reserve, decimal InTransit);

public sealed record CustomerOrderLine(MsRef Product, decimal Quantity, decimal PriceKopecks = 0);

/// <summary>A customer order to create. SyncId makes the create idempotent: the outbox passes its message id.</summary>
public sealed record CustomerOrderRequest(Guid SyncId, string ExternalCode, string Description, IReadOnlyList<CustomerOrderLine> Lines);

/// <summary>A customer order's position as МойСклад reports it: what was ordered and what the seller has shipped so far.</summary>
public sealed record MsOrderPosition(string AssortmentId, string AssortmentType, decimal Quantity, decimal Shipped)
{
    public decimal Remaining => Math.Max(0, Quantity - Shipped);
}

public sealed record CustomerOrderCreated(string Id, string Name, Guid SyncId);

/// <summary>What check-connections reports for МойСклад.</summary>
public sealed record MsPing(long ElapsedMs, int Organizations, string? RateLimitRemaining);
