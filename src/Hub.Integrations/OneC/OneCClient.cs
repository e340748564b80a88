using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Integrations.Http;
using Microsoft.Extensions.Options;

namespace Hub.Integrations.OneC;

/// <summary>
/// 1C:УТ11 through its standard OData interface: Basic auth, JSON, Cyrillic names built deliberately.
/// Creating a transfer order is two requests (create, then Post) and not atomic, so the client looks up
/// its marker first and finishes what a failed attempt left behind instead of creating a second document.
/// </summary>
public sealed class OneCClient(HttpClient http, IOptions<OneCOptions> options, TimeProvider clock)
{
    public const string System = "1c";
    private readonly OneCOptions _o = options.Value;

    public async Task<OneCPing> PingAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var rows = await GetValuesAsync(ODataUrl.Encode(_o.WarehousesSet), "ping", ct, ("$select", "Ref_Key"));
        return new OneCPing((long)clock.GetElapsedTime(started).TotalMilliseconds, rows.Count);
    }

    public async Task<IReadOnlyList<OneCWarehouse>> GetWarehousesAsync(CancellationToken ct) =>
        (await GetValuesAsync(ODataUrl.Encode(_o.WarehousesSet), "list_warehouses", ct, ("$select", "Ref_Key,Description")))
        .Select(r => new OneCWarehouse(Key(r, "Ref_Key"), Str(r, "Description") ?? "")).ToArray();

    /// <summary>The warehouse of that name, or null. The name travels as an OData literal (quotes doubled) inside $filter.</summary>
    public async Task<OneCWarehouse?> FindWarehouseAsync(string name, CancellationToken ct)
    {
        var found = (await GetValuesAsync(ODataUrl.Encode(_o.WarehousesSet), "find_warehouse", ct,
                ("$filter", $"Description eq {ODataUrl.Literal(name)}"), ("$select", "Ref_Key,Description")))
            .Select(r => new OneCWarehouse(Key(r, "Ref_Key"), Str(r, "Description") ?? "")).ToList();
        // 1C compares strings regardless of case; the exact spelling wins when both exist.
        return found.FirstOrDefault(w => w.Name == name) ?? found.FirstOrDefault();
    }

    public async Task<IReadOnlyList<OneCItem>> GetItemsAsync(CancellationToken ct) =>
        (await GetValuesAsync(ODataUrl.Encode(_o.ItemsSet), "list_items", ct))
        .Select(r => new OneCItem(Key(r, "Ref_Key"), Str(r, "Description") ?? "", Str(r, "Артикул") ?? Str(r, "Code"), Str(r, "ЕдиницаИзмерения"))).ToArray();

    /// <summary>Balances from the register's Balance virtual table, now.</summary>
    public async Task<IReadOnlyList<OneCBalance>> GetBalancesAsync(CancellationToken ct)
    {
        var period = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var parameters = new[] { ("Period", $"datetime'{period}'"), ("Dimensions", "'Номенклатура,Склад'") };
        var rows = _o.BalanceParametersInQuery
            ? await GetValuesAsync($"{ODataUrl.Encode(_o.BalanceRegister)}/Balance", "read_balances", ct, parameters)
            : await GetValuesAsync($"{ODataUrl.Encode(_o.BalanceRegister)}/Balance({string.Join(",", parameters.Select(p => $"{p.Item1}={ODataUrl.Encode(p.Item2)}"))})", "read_balances", ct);
        return rows.Select(r => new OneCBalance(Key(r, "Склад_Key"), Key(r, "Номенклатура_Key"), Dec(r, _o.BalanceField))).ToArray();
    }

    public async Task<IReadOnlyList<OneCMinimumLevel>> GetMinimumLevelsAsync(CancellationToken ct)
    {
        var m = _o.MinimumLevels;
        var rows = await GetValuesAsync(ODataUrl.Encode(m.EntitySet), "read_minimum_levels", ct);
        return rows.Select(r => new OneCMinimumLevel(Key(r, m.WarehouseField), Key(r, m.ItemField), Dec(r, m.MinimumField),
            r.TryGetProperty(m.MaximumField, out var max) && max.ValueKind == JsonValueKind.Number ? max.GetDecimal() : null)).ToArray();
    }

    public async Task<(Guid Key, bool Posted, string? Number)?> FindTransferOrderAsync(string marker, CancellationToken ct)
    {
        var rows = await GetValuesAsync(ODataUrl.Encode(_o.TransferOrderSet), "find_transfer_order", ct,
            ("$filter", $"Комментарий eq {ODataUrl.Literal(marker)}"), ("$select", "Ref_Key,Posted,Number"));
        var row = rows.FirstOrDefault();
        return row.ValueKind == JsonValueKind.Undefined ? null
            : (Key(row, "Ref_Key"), row.TryGetProperty("Posted", out var p) && p.ValueKind == JsonValueKind.True, Str(row, "Number"));
    }

    public async Task<TransferOrderResult> CreateTransferOrderAsync(TransferOrderRequest order, CancellationToken ct)
    {
        var existing = await FindTransferOrderAsync(order.Marker, ct);
        if (existing is { Posted: true } done) return new TransferOrderResult(done.Key, done.Number, TransferOrderOutcome.AlreadyExisted);
        if (existing is { } unposted)
        {
            await PostAsync(unposted.Key, ct);
            return new TransferOrderResult(unposted.Key, unposted.Number, TransferOrderOutcome.PostedExisting);
        }

        var body = new JsonObject
        {
            ["Date"] = order.Date.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["СкладОтправитель_Key"] = order.FromWarehouse.ToString(),
            ["СкладПолучатель_Key"] = order.ToWarehouse.ToString(),
            ["Комментарий"] = order.Marker,
            ["Товары"] = new JsonArray(order.Lines.Select((l, i) => (JsonNode)new JsonObject
            {
                ["LineNumber"] = (i + 1).ToString(CultureInfo.InvariantCulture),
                ["Номенклатура_Key"] = l.ItemKey.ToString(),
                ["Количество"] = l.Quantity,
            }).ToArray())
        };
        if (!string.IsNullOrWhiteSpace(_o.OrganizationKey)) body["Организация_Key"] = _o.OrganizationKey;

        // Not retried here: an unanswered create may have happened, and only the marker lookup above can tell.
        var created = await SendAsync(HttpMethod.Post, ODataUrl.Build(_o.BaseUrl, ODataUrl.Encode(_o.TransferOrderSet)), body.ToJsonString(), "create_transfer_order", idempotent: false, ct);
        using var doc = JsonDocument.Parse(created);
        var key = Key(doc.RootElement, "Ref_Key");
        await PostAsync(key, ct);
        return new TransferOrderResult(key, Str(doc.RootElement, "Number"), TransferOrderOutcome.Created);
    }

    /// <summary>Posting an already posted document again is harmless in 1C, so Post may be retried.</summary>
    public Task PostAsync(Guid key, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, ODataUrl.Build(_o.BaseUrl, $"{ODataUrl.Encode(_o.TransferOrderSet)}({ODataUrl.Guid(key)})/Post", ("PostingModeOperational", "false")),
            null, "post_transfer_order", idempotent: true, ct);

    private async Task<List<JsonElement>> GetValuesAsync(string path, string action, CancellationToken ct, params (string, string)[] query)
    {
        var text = await SendAsync(HttpMethod.Get, ODataUrl.Build(_o.BaseUrl, path, query), null, action, idempotent: true, ct);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.TryGetProperty("value", out var value)
            ? value.EnumerateArray().Select(v => v.Clone()).ToList()
            : [doc.RootElement.Clone()];
    }

    private async Task<string> SendAsync(HttpMethod method, string url, string? json, string action, bool idempotent, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url).WithAction(action, attempt);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_o.User}:{_o.Password}")));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (idempotent && attempt < _o.ReadRetries) { await RetryDelay.WaitAsync(attempt, clock, ct); continue; }
                throw new ExternalApiException(System, null, ex is TaskCanceledException ? "timeout" : "connection", ex.GetBaseException().Message, inner: ex);
            }
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode) return body;
                if ((int)response.StatusCode >= 500 && idempotent && attempt < _o.ReadRetries) { await RetryDelay.WaitAsync(attempt, clock, ct); continue; }
                var (code, text, parameter) = ErrorBodies.Parse(body, response.Content.Headers.ContentType?.MediaType, response.ReasonPhrase ?? "");
                throw new ExternalApiException(System, response.StatusCode, code, text, parameter);
            }
        }
    }


    private static Guid Key(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && global::System.Guid.TryParse(v.GetString(), out var g) ? g : global::System.Guid.Empty;

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal Dec(JsonElement e, string name) => e.TryGetProperty(name, out var v)
        ? v.ValueKind == JsonValueKind.Number ? v.GetDecimal()
        : v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Any, CultureInfo.InvariantCulture, out var d) ? d : 0
        : 0;
}
