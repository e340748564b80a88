using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Integrations.Http;
using Microsoft.Extensions.Options;

namespace Hub.Integrations.MoySklad;

/// <summary>
/// МойСклад JSON API 1.2. Every call passes the process-wide <see cref="MoySkladThrottle"/>; gzip is negotiated
/// by the handler (the API answers 415 without it); 429 waits what the server says; other 4xx are never retried.
/// </summary>
public sealed class MoySkladClient(HttpClient http, IOptions<MoySkladOptions> options, MoySkladThrottle throttle, MoySkladReferences references, TimeProvider clock)
{
    public const string System = "moysklad";
    private const int PageLimit = 1000;
    private readonly MoySkladOptions _options = options.Value;

    public async Task<MsPing> PingAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var (body, headers) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url("entity/organization?limit=1")), "ping", Cost(), idempotent: true, ct);
        using var doc = JsonDocument.Parse(body);
        var size = doc.RootElement.GetProperty("meta").TryGetProperty("size", out var s) ? s.GetInt32() : 0;
        return new MsPing((long)clock.GetElapsedTime(started).TotalMilliseconds, size, headers.TryGetValues("X-RateLimit-Remaining", out var r) ? r.FirstOrDefault() : null);
    }

    public Task<IReadOnlyList<MsRef>> GetStoresAsync(CancellationToken ct) => ListAsync("store", ct);
    public Task<IReadOnlyList<MsRef>> GetOrganizationsAsync(CancellationToken ct) => ListAsync("organization", ct);
    public Task<IReadOnlyList<MsRef>> GetCounterpartiesAsync(CancellationToken ct) => ListAsync("counterparty", ct);

    public async Task<IReadOnlyList<MsProduct>> GetProductsAsync(string? filter, CancellationToken ct) =>
        (await ListRowsAsync("entity/product", filter, "list_products", Cost(), ct))
        .Select(r => new MsProduct(ToRef(r, "product"), Str(r, "code"), Str(r, "externalCode"))).ToArray();

    public async Task<MsProduct?> FindProductByExternalCodeAsync(string externalCode, CancellationToken ct) =>
        (await GetProductsAsync($"externalCode={externalCode}", ct)).FirstOrDefault();

    public async Task<IReadOnlyList<MsProduct>> GetVariantsAsync(CancellationToken ct) =>
        (await ListRowsAsync("entity/variant", null, "list_variants", Cost(), ct))
        .Select(r => new MsProduct(ToRef(r, "variant"), Str(r, "code"), Str(r, "externalCode"))).ToArray();

    /// <summary>
    /// What each line orders: the variant whose externalCode is the line's characteristic where it has one (an item kept
    /// by characteristic is ordered as that variant), else the product whose externalCode is the item. A code МойСклад
    /// does not know is a permanent error naming it.
    /// </summary>
    public async Task<IReadOnlyList<MsProduct>> ResolveAssortmentAsync(IReadOnlyList<(string Item, string? Characteristic)> lines, CancellationToken ct)
    {
        var plain = lines.Where(l => l.Characteristic is null).Select(l => l.Item).Distinct().ToArray();
        var varied = lines.Where(l => l.Characteristic is not null).Select(l => l.Characteristic!).Distinct().ToArray();
        var products = plain.Length == 0 ? new Dictionary<string, MsProduct>()
            : await references.ProductsAsync(plain, token => GetProductsAsync(null, token), clock.GetUtcNow(), TimeSpan.FromMinutes(1), ct);
        var variants = varied.Length == 0 ? new Dictionary<string, MsProduct>()
            : await references.VariantsAsync(varied, GetVariantsAsync, clock.GetUtcNow(), TimeSpan.FromMinutes(1), ct);
        var missing = plain.Where(c => !products.ContainsKey(c)).Select(c => $"product {c}")
            .Concat(varied.Where(c => !variants.ContainsKey(c)).Select(c => $"variant {c}")).ToArray();
        if (missing.Length > 0)
            throw new ExternalApiException(System, HttpStatusCode.NotFound, "assortment",
                $"МойСклад has no {string.Join(", ", missing.Take(5))} by externalCode{(missing.Length > 5 ? $" and {missing.Length - 5} more" : "")}", "externalCode");
        return lines.Select(l => l.Characteristic is { } c ? variants[c] : products[l.Item]).ToArray();
    }

    public async Task<IReadOnlyList<MsStockByStore>> GetStockByStoreAsync(CancellationToken ct)
    {
        var rows = await ListRowsAsync("report/stock/bystore", null, "stock_by_store", MoySkladOptions.StockReportCost, ct);
        return rows.SelectMany(r =>
        {
            var product = r.GetProperty("meta").GetProperty("href").GetString()!;
            return r.GetProperty("stockByStore").EnumerateArray().Select(s => new MsStockByStore(product,
                s.GetProperty("meta").GetProperty("href").GetString()!, Str(s, "name") ?? "",
                Dec(s, "stock"), Dec(s, "reserve"), Dec(s, "inTransit")));
        }).ToArray();
    }

    /// <summary>Resolves the organization, counterparty and store named in settings; fails with what is missing.</summary>
    public Task<(MsRef Organization, MsRef Counterparty, MsRef? Store)> ResolveDefaultsAsync(CancellationToken ct) =>
        references.GetAsync(async token =>
        {
            var organization = await RequireByNameAsync("organization", _options.OrganizationName, token);
            var counterparty = await RequireByNameAsync("counterparty", _options.CounterpartyName, token);
            MsRef? store = string.IsNullOrWhiteSpace(_options.StoreName) ? null : await RequireByNameAsync("store", _options.StoreName, token);
            return (organization, counterparty, store);
        }, ct);

    public async Task<CustomerOrderCreated> CreateCustomerOrderAsync(CustomerOrderRequest order, CancellationToken ct)
    {
        var (organization, agent, store) = await ResolveDefaultsAsync(ct);
        var body = new JsonObject
        {
            ["syncId"] = order.SyncId.ToString(),
            ["externalCode"] = order.ExternalCode,
            ["description"] = order.Description,
            ["organization"] = organization.ToMeta(),
            ["agent"] = agent.ToMeta(),
            ["positions"] = new JsonArray(order.Lines.Select(l => (JsonNode)new JsonObject
            {
                ["assortment"] = l.Product.ToMeta(),
                ["quantity"] = l.Quantity,
                ["price"] = l.PriceKopecks,
            }).ToArray())
        };
        if (store is not null) body["store"] = store.ToMeta();
        var json = body.ToJsonString();
        // syncId makes the create safe to repeat, so a lost answer is retried here as well as by the outbox.
        var (text, _) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url("entity/customerorder"))
            { Content = new StringContent(json, Encoding.UTF8, "application/json") }, "create_customer_order", Cost(), idempotent: true, ct);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        return new CustomerOrderCreated(root.GetProperty("id").GetString()!, Str(root, "name") ?? "", order.SyncId);
    }

    /// <summary>
    /// What a customer order still has to ship: its positions with the ordered and shipped quantities, or null when the order no
    /// longer exists in МойСклад (deleted there, so nothing of it is on its way).
    /// </summary>
    public async Task<IReadOnlyList<MsOrderPosition>?> GetCustomerOrderPositionsAsync(string orderId, CancellationToken ct)
    {
        try
        {
            var rows = await ListRowsAsync($"entity/customerorder/{Uri.EscapeDataString(orderId)}/positions", null, "read_customer_order", Cost(), ct);
            return rows.Select(r =>
            {
                var assortment = r.GetProperty("assortment").GetProperty("meta");
                var href = assortment.GetProperty("href").GetString()!;
                return new MsOrderPosition(href[(href.LastIndexOf('/') + 1)..], assortment.GetProperty("type").GetString() ?? "product",
                    r.GetProperty("quantity").GetDecimal(), r.TryGetProperty("shipped", out var shipped) ? shipped.GetDecimal() : 0);
            }).ToArray();
        }
        catch (ExternalApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The organization, counterparty, store… with exactly this name, or null.</summary>
    public async Task<MsRef?> FindByNameAsync(string entity, string name, CancellationToken ct) =>
        (await ListRefsAsync(entity, $"name={name}", ct)).FirstOrDefault(r => r.Name == name);

    /// <summary>Every entity of a type (organization, counterparty, store), all pages.</summary>
    public Task<IReadOnlyList<MsRef>> ListAsync(string entity, CancellationToken ct) => ListRefsAsync(entity, null, ct);

    private async Task<MsRef> RequireByNameAsync(string entity, string name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ExternalApiException(System, null, "config", $"MoySklad:{char.ToUpperInvariant(entity[0])}{entity[1..]}Name is not set");
        return await FindByNameAsync(entity, name, ct)
               ?? throw new ExternalApiException(System, HttpStatusCode.NotFound, "config", $"no {entity} named '{name}' in МойСклад", $"MoySklad:{entity}");
    }

    private async Task<IReadOnlyList<MsRef>> ListRefsAsync(string entity, string? filter, CancellationToken ct) =>
        (await ListRowsAsync($"entity/{entity}", filter, $"list_{entity}", Cost(), ct)).Select(r => ToRef(r, entity)).ToArray();

    /// <summary>Follows offset paging to the end; МойСклад returns at most 1000 rows a page.</summary>
    private async Task<List<JsonElement>> ListRowsAsync(string path, string? filter, string action, int units, CancellationToken ct)
    {
        var rows = new List<JsonElement>();
        for (var offset = 0; ; offset += PageLimit)
        {
            var query = $"{path}?limit={PageLimit}&offset={offset}" + (filter is null ? "" : $"&filter={Uri.EscapeDataString(filter)}");
            var (body, _) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url(query)), action, units, idempotent: true, ct);
            using var doc = JsonDocument.Parse(body);
            var page = doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.Clone()).ToList();
            rows.AddRange(page);
            var meta = doc.RootElement.GetProperty("meta");
            var size = meta.TryGetProperty("size", out var s) ? s.GetInt32() : rows.Count;
            if (page.Count == 0 || rows.Count >= size || !meta.TryGetProperty("nextHref", out _)) return rows;
        }
    }

    private async Task<(string Body, HttpResponseHeaders Headers)> SendAsync(Func<HttpRequestMessage> make, string action, int units, bool idempotent, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var slot = await throttle.EnterAsync(units, ct);
            using var request = make().WithAction(action, attempt);
            Authorize(request);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (idempotent && attempt < _options.ReadRetries) { slot.Dispose(); await RetryDelay.WaitAsync(attempt, clock, ct); continue; }
                throw new ExternalApiException(System, null, ex is TaskCanceledException ? "timeout" : "connection", ex.GetBaseException().Message, inner: ex);
            }
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode) return (body, response.Headers);

                var (code, text, parameter) = ErrorBodies.Parse(body, response.Content.Headers.ContentType?.MediaType, response.ReasonPhrase ?? "");
                var retryAfter = Millis(response, "X-Lognex-Retry-After") ?? Millis(response, "X-Lognex-Reset");
                var error = new ExternalApiException(System, response.StatusCode, code, text, parameter) { RetryAfter = retryAfter };
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // Rejected, so repeating is safe; everyone pauses, the headers are in milliseconds.
                    throttle.PauseFor(retryAfter ?? TimeSpan.FromSeconds(1));
                    if (attempt < 20) continue;
                }
                else if ((int)response.StatusCode >= 500 && idempotent && attempt < _options.ReadRetries)
                {
                    slot.Dispose();
                    await RetryDelay.WaitAsync(attempt, clock, ct);
                    continue;
                }
                throw error;
            }
        }
    }

    private void Authorize(HttpRequestMessage request)
    {
        request.Headers.Authorization = !string.IsNullOrWhiteSpace(_options.Token)
            ? new AuthenticationHeaderValue("Bearer", _options.Token)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Login}:{_options.Password}")));
    }

    private int Cost() => _options.RequestCost(clock.GetUtcNow());

    private string Url(string pathAndQuery) => $"{_options.BaseUrl.TrimEnd('/')}/{pathAndQuery}";

    private static TimeSpan? Millis(HttpResponseMessage r, string header) =>
        r.Headers.TryGetValues(header, out var values) && long.TryParse(values.FirstOrDefault(), out var ms) && ms >= 0 ? TimeSpan.FromMilliseconds(ms) : null;

    private static MsRef ToRef(JsonElement row, string type) =>
        new(Str(row, "id") ?? "", Str(row, "name") ?? "", row.GetProperty("meta").GetProperty("href").GetString()!, type);

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    private static decimal Dec(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : 0;
}
