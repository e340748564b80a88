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
/// 1C:УТ 11.5 through its standard OData interface: Basic auth, JSON, Cyrillic names built deliberately. Reads select
/// only the fields they use, leave out groups and objects marked for deletion, and page on a stable order. Creating a
/// transfer order is two requests (create, then Post) and not atomic, so the client looks up its marker first and
/// finishes what a failed attempt left behind instead of creating a second document.
/// </summary>
public sealed class OneCClient(HttpClient http, IOptions<OneCOptions> options, OneCReferences references, TimeProvider clock)
{
    public const string System = "1c";
    public const string EmptyRef = "00000000-0000-0000-0000-000000000000";
    private const string InUse = "DeletionMark eq false and IsFolder eq false";
    private readonly OneCOptions _o = options.Value;

    public async Task<OneCPing> PingAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var rows = await GetValuesAsync(ODataUrl.Encode(_o.WarehousesSet), "ping", ct, ("$select", "Ref_Key"), ("$filter", InUse));
        return new OneCPing((long)clock.GetElapsedTime(started).TotalMilliseconds, rows.Count);
    }

    /// <summary>The warehouses in use: groups and warehouses marked for deletion (an old duplicate under a donor's name) are left out.</summary>
    public async Task<IReadOnlyList<OneCWarehouse>> GetWarehousesAsync(CancellationToken ct) =>
        (await ReadAllAsync(_o.WarehousesSet, "list_warehouses", "Ref_Key,Description", InUse, ct))
        .Select(r => new OneCWarehouse(Key(r, "Ref_Key"), Str(r, "Description") ?? "")).ToArray();

    /// <summary>The warehouse in use of that name, or null. The name travels as an OData literal (quotes doubled) inside $filter.</summary>
    public async Task<OneCWarehouse?> FindWarehouseAsync(string name, CancellationToken ct)
    {
        var found = (await GetValuesAsync(ODataUrl.Encode(_o.WarehousesSet), "find_warehouse", ct,
                ("$filter", $"Description eq {ODataUrl.Literal(name)} and {InUse}"), ("$select", "Ref_Key,Description")))
            .Select(r => new OneCWarehouse(Key(r, "Ref_Key"), Str(r, "Description") ?? "")).ToList();
        // 1C compares strings regardless of case; the exact spelling wins when both exist.
        return found.FirstOrDefault(w => w.Name == name) ?? found.FirstOrDefault();
    }

    public async Task<IReadOnlyList<OneCItem>> GetItemsAsync(CancellationToken ct) =>
        (await ReadAllAsync(_o.ItemsSet, "list_items", "Ref_Key,Description,Артикул,ЕдиницаИзмерения_Key,ИспользованиеХарактеристик", InUse, ct))
        .Select(r => new OneCItem(Key(r, "Ref_Key"), Str(r, "Description") ?? "", Str(r, "Артикул"), Key(r, "ЕдиницаИзмерения_Key"),
            Str(r, "ИспользованиеХарактеристик") is { Length: > 0 } use && use != "НеИспользовать")).ToArray();

    public async Task<IReadOnlyList<OneCCharacteristic>> GetCharacteristicsAsync(CancellationToken ct) =>
        (await ReadAllAsync(_o.CharacteristicsSet, "list_characteristics", "Ref_Key,Description", "DeletionMark eq false", ct))
        .Select(r => new OneCCharacteristic(Key(r, "Ref_Key"), Str(r, "Description") ?? "")).ToArray();

    /// <summary>Units and packages: the names items' units are shown by, and how many base units a package holds.</summary>
    public async Task<IReadOnlyList<OneCUnit>> GetUnitsAsync(CancellationToken ct) =>
        (await ReadAllAsync(_o.UnitsSet, "list_units", "Ref_Key,Description,Числитель,Знаменатель", "DeletionMark eq false", ct))
        .Select(r => new OneCUnit(Key(r, "Ref_Key"), Str(r, "Description") ?? "",
            Dec(r, "Знаменатель") is var d and not 0 ? Dec(r, "Числитель") / d : Dec(r, "Числитель") is var n and not 0 ? n : 1)).ToArray();

    /// <summary>Every warehouse's balances by item, characteristic and warehouse.</summary>
    public Task<IReadOnlyList<OneCBalance>> GetBalancesAsync(CancellationToken ct) => GetBalancesAsync(null, ct);

    /// <summary>
    /// Balances by item, characteristic and warehouse, now in the 1C server's time zone; only these warehouses when
    /// given (a one-shop run reads the shop and the donors).
    /// </summary>
    public async Task<IReadOnlyList<OneCBalance>> GetBalancesAsync(IReadOnlyCollection<Guid>? warehouses, CancellationToken ct) =>
        (await ReadBalanceTableAsync(_o.BalanceRegister, "read_balances", $"{_o.BalanceField},{_o.ToShipField}", warehouses, ct))
        .Select(r => new OneCBalance(Key(r, "Склад_Key"), Key(r, "Номенклатура_Key"), Key(r, "Характеристика_Key"), Dec(r, _o.BalanceField), Dec(r, _o.ToShipField)))
        .ToArray();

    /// <summary>
    /// What warehouses are still to receive by orders 1C knows (posted transfer orders not fully received), by item,
    /// characteristic and warehouse; nothing when the register is not configured.
    /// </summary>
    public async Task<IReadOnlyList<OneCIncoming>> GetIncomingAsync(IReadOnlyCollection<Guid>? warehouses, CancellationToken ct)
    {
        var source = _o.OnItsWay;
        if (string.IsNullOrWhiteSpace(source.Register)) return [];
        return (await ReadBalanceTableAsync(source.Register, "read_incoming", source.Field, warehouses, ct))
            .Select(r => new OneCIncoming(Key(r, "Склад_Key"), Key(r, "Номенклатура_Key"), Key(r, "Характеристика_Key"), Dec(r, source.Field)))
            .Where(r => r.Quantity > 0).ToArray();
    }

    /// <summary>
    /// A register's Balance virtual table by item, characteristic and warehouse, now in the 1C server's time zone, in
    /// pages; only these warehouses when given. The parameters go in parentheses, or in the query where a server wants them so.
    /// </summary>
    private Task<List<JsonElement>> ReadBalanceTableAsync(string register, string action, string resources, IReadOnlyCollection<Guid>? warehouses, CancellationToken ct)
    {
        var period = ServerTime(clock.GetUtcNow()).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var parameters = new List<(string Name, string Value)> { ("Period", $"datetime'{period}'") };
        if (warehouses is { Count: > 0 })
            parameters.Add(("Condition", ODataUrl.Literal(string.Join(" or ", warehouses.Select(w => $"Склад_Key eq {ODataUrl.Guid(w)}")))));
        parameters.Add(("Dimensions", "'Номенклатура,Характеристика,Склад'"));
        var select = $"Номенклатура_Key,Характеристика_Key,Склад_Key,{resources}";
        const string order = "Склад_Key,Номенклатура_Key,Характеристика_Key";
        return _o.BalanceParametersInQuery
            ? ReadPagesAsync($"{ODataUrl.Encode(register)}/Balance", action, select, null, order, ct, [.. parameters])
            : ReadPagesAsync($"{ODataUrl.Encode(register)}/Balance({string.Join(",", parameters.Select(p => $"{p.Name}={ODataUrl.Encode(p.Value)}"))})",
                action, select, null, order, ct);
    }

    /// <summary>Minimum and maximum levels, by default the min/max item norms of InformationRegister_ТоварныеОграничения.</summary>
    public async Task<IReadOnlyList<OneCMinimumLevel>> GetMinimumLevelsAsync(CancellationToken ct)
    {
        var m = _o.MinimumLevels;
        var fields = new[] { m.WarehouseField, m.ItemField, m.CharacteristicField, m.MinimumField, m.MaximumField, m.PackageField }
            .Where(f => !string.IsNullOrWhiteSpace(f)).Distinct().ToArray();
        var rows = await ReadPagesAsync(ODataUrl.Encode(m.EntitySet), "read_minimum_levels", string.Join(",", fields),
            string.IsNullOrWhiteSpace(m.Filter) ? null : m.Filter, string.Join(",", new[] { m.WarehouseField, m.ItemField, m.CharacteristicField }.Where(f => !string.IsNullOrWhiteSpace(f))), ct);
        return rows.Select(r => new OneCMinimumLevel(Key(r, m.WarehouseField), Key(r, m.ItemField),
            string.IsNullOrWhiteSpace(m.CharacteristicField) ? Guid.Empty : Key(r, m.CharacteristicField), Dec(r, m.MinimumField),
            r.TryGetProperty(m.MaximumField, out var max) && max.ValueKind == JsonValueKind.Number ? max.GetDecimal() : null,
            string.IsNullOrWhiteSpace(m.PackageField) ? Guid.Empty : Key(r, m.PackageField))).ToArray();
    }

    /// <summary>
    /// The organization and priority every transfer order names: from settings (a name or a Ref_Key), or the only one the
    /// base has. Resolved once per process; one that cannot be resolved stops with a message naming the setting.
    /// </summary>
    public Task<TransferDefaults> ResolveTransferDefaultsAsync(CancellationToken ct) =>
        references.DefaultsAsync(async token =>
        {
            var organization = await ResolveOrganizationAsync(token);
            var priority = await ResolvePriorityAsync(token);
            return new TransferDefaults(organization.Key, organization.Name, priority.Key, priority.Name);
        }, ct);

    /// <summary>The organization of OneC:TransferOrder:Organization (a name or a Ref_Key), or the only one; asked anew each time.</summary>
    public Task<(Guid Key, string Name)> ResolveOrganizationAsync(CancellationToken ct) =>
        ResolveAsync(_o.OrganizationsSet, "organization", "OneC:TransferOrder:Organization", _o.TransferOrder.Organization ?? _o.OrganizationKey, ct);

    /// <summary>The priority of OneC:TransferOrder:Priority (a name or a Ref_Key), or the only one; asked anew each time.</summary>
    public Task<(Guid Key, string Name)> ResolvePriorityAsync(CancellationToken ct) =>
        ResolveAsync(_o.PrioritiesSet, "priority", "OneC:TransferOrder:Priority", _o.TransferOrder.Priority, ct);

    /// <summary>The base's $metadata, read once: which sets it publishes and which fields its types have.</summary>
    public Task<OneCMetadata> MetadataAsync(CancellationToken ct) =>
        references.MetadataAsync(async token =>
            OneCMetadata.Parse(await SendAsync(HttpMethod.Get, $"{_o.BaseUrl.TrimEnd('/')}/odata/standard.odata/$metadata", null, "read_metadata", idempotent: true, token)), ct);

    /// <summary>
    /// The document carrying this marker, found the way 1C can search an unlimited-length Комментарий (substringof, which
    /// is LIKE), narrowed by date and recipient, then matched exactly here: 1C compares strings regardless of case.
    /// </summary>
    public async Task<(Guid Key, bool Posted, bool Deleted, string? Number)?> FindTransferOrderAsync(string marker, Guid recipient, DateTimeOffset notBefore, CancellationToken ct)
    {
        // A day's margin for the clocks of the hub and the 1C server.
        var from = ServerTime(notBefore).AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var rows = await GetValuesAsync(ODataUrl.Encode(_o.TransferOrderSet), "find_transfer_order", ct,
            ("$filter", $"substringof({ODataUrl.Literal(marker)}, Комментарий) and Date ge datetime'{from}' and СкладПолучатель_Key eq {ODataUrl.Guid(recipient)}"),
            ("$select", "Ref_Key,Number,Posted,DeletionMark,Комментарий"));
        var row = rows.FirstOrDefault(r => string.Equals(Str(r, "Комментарий"), marker, StringComparison.Ordinal));
        return row.ValueKind == JsonValueKind.Undefined ? null
            : (Key(row, "Ref_Key"), Bool(row, "Posted"), Bool(row, "DeletionMark"), Str(row, "Number"));
    }

    public async Task<TransferOrderResult> CreateTransferOrderAsync(TransferOrderRequest order, CancellationToken ct)
    {
        var existing = await FindTransferOrderAsync(order.Marker, order.ToWarehouse, order.NotBefore ?? order.Date, ct);
        if (existing is { Deleted: true } deleted)
            throw new ExternalApiException(System, HttpStatusCode.Conflict, "deleted",
                $"документ {deleted.Number} с отметкой {order.Marker} помечен на удаление в 1С; он не будет создан заново") { IsRefusal = true };
        if (existing is { Posted: true } done) return new TransferOrderResult(done.Key, done.Number, TransferOrderOutcome.AlreadyExisted);
        if (existing is { } unposted)
        {
            await PostAsync(unposted.Key, ct);
            return new TransferOrderResult(unposted.Key, unposted.Number, TransferOrderOutcome.PostedExisting);
        }

        var body = await TransferOrderBodyAsync(order, ct);
        // Not retried here: an unanswered create may have happened, and only the marker lookup above can tell.
        var created = await SendAsync(HttpMethod.Post, ODataUrl.Build(_o.BaseUrl, ODataUrl.Encode(_o.TransferOrderSet)), body.ToJsonString(), "create_transfer_order", idempotent: false, ct);
        using var doc = JsonDocument.Parse(created);
        var key = Key(doc.RootElement, "Ref_Key");
        await PostAsync(key, ct);
        return new TransferOrderResult(key, Str(doc.RootElement, "Number"), TransferOrderOutcome.Created);
    }

    /// <summary>
    /// Every attribute posting checks (ut11-reference.md), header and rows, with the values from settings; a field this
    /// base's $metadata does not name is left out, since 1C refuses a body naming a field it lacks.
    /// </summary>
    public async Task<JsonObject> TransferOrderBodyAsync(TransferOrderRequest order, CancellationToken ct)
    {
        var defaults = await ResolveTransferDefaultsAsync(ct);
        var metadata = await MetadataAsync(ct);
        var t = _o.TransferOrder;
        var date = ServerTime(order.Date);
        var dateText = date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var header = new List<(string, JsonNode?)>
        {
            ("Date", dateText),
            ("Организация_Key", defaults.OrganizationKey.ToString()),
            ("СкладОтправитель_Key", order.FromWarehouse.ToString()),
            ("СкладПолучатель_Key", order.ToWarehouse.ToString()),
            ("Статус", t.Status),
            ("ХозяйственнаяОперация", t.Operation),
            ("Приоритет_Key", defaults.PriorityKey.ToString()),
            ("СпособДоставки", t.DeliveryMethod),
            ("ВариантПриемкиТоваров", t.AcceptanceVariant),
            ("Комментарий", order.Marker),
        };
        if (!string.IsNullOrWhiteSpace(t.VatType)) header.Add(("ПеремещениеПодДеятельность", t.VatType));
        if (t.ArrivalDays is { } days) header.Add(("ЖелаемаяДатаПоступления", date.AddDays(days).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)));
        foreach (var (field, value) in new[] { ("Ответственный_Key", t.ResponsibleKey), ("Автор_Key", t.AuthorKey), ("Подразделение_Key", t.DepartmentKey) })
            if (Guid.TryParse(value, out var reference)) header.Add((field, reference.ToString()));

        var rowType = $"{_o.TransferOrderSet}_Товары_RowType";
        var body = new JsonObject();
        foreach (var (field, value) in header)
            if (metadata.Has(_o.TransferOrderSet, field)) body[field] = value;
        body["Товары"] = new JsonArray(order.Lines.Select((l, i) =>
        {
            var row = new JsonObject();
            foreach (var (field, value) in new (string, JsonNode?)[]
                     {
                         // Int64 travels as a JSON string in 1C's OData.
                         ("LineNumber", (i + 1).ToString(CultureInfo.InvariantCulture)),
                         ("Номенклатура_Key", l.ItemKey.ToString()),
                         ("Характеристика_Key", l.CharacteristicKey.ToString()),
                         ("Упаковка_Key", EmptyRef),
                         // In the base unit (no package), the number of packages is the quantity itself; 0 is refused.
                         ("КоличествоУпаковок", l.Quantity),
                         ("Количество", l.Quantity),
                         ("ВариантОбеспечения", t.SupplyVariant),
                         ("НачалоОтгрузки", dateText),
                         ("Отменено", false),
                     })
                if (metadata.Has(rowType, field)) row[field] = value;
            return (JsonNode)row;
        }).ToArray());
        return body;
    }

    /// <summary>Posting an already posted document again is harmless in 1C, so Post may be retried (a refusal is not).</summary>
    public Task PostAsync(Guid key, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, ODataUrl.Build(_o.BaseUrl, $"{ODataUrl.Encode(_o.TransferOrderSet)}({ODataUrl.Guid(key)})/Post", ("PostingModeOperational", "false")),
            null, "post_transfer_order", idempotent: true, ct);

    /// <summary>Asks for one row of a set, the way a check asks whether an object is published and the user may read it.</summary>
    public async Task<int> ProbeAsync(string path, string select, CancellationToken ct) =>
        (await GetValuesAsync(path, "check_object", ct, ("$top", "1"), ("$select", select))).Count;

    private async Task<(Guid Key, string Name)> ResolveAsync(string set, string kind, string setting, string? wanted, CancellationToken ct)
    {
        if (Guid.TryParse(wanted, out var key))
        {
            var byKey = await GetValuesAsync(ODataUrl.Encode(set), $"find_{kind}", ct, ("$filter", $"Ref_Key eq {ODataUrl.Guid(key)}"), ("$select", "Ref_Key,Description,DeletionMark"));
            if (byKey.FirstOrDefault() is { ValueKind: JsonValueKind.Object } found && !Bool(found, "DeletionMark")) return (key, Str(found, "Description") ?? "");
            throw new OneCSettingException(setting, $"1C has no {kind} with Ref_Key {key} in {set}");
        }

        var all = (await ReadAllAsync(set, $"list_{kind}", "Ref_Key,Description", "DeletionMark eq false", ct))
            .Select(r => (Key: Key(r, "Ref_Key"), Name: Str(r, "Description") ?? "")).ToList();
        if (!string.IsNullOrWhiteSpace(wanted))
        {
            var named = all.Where(r => string.Equals(r.Name.Trim(), wanted.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 1) return named[0];
            if (named.Count > 1)
                throw new OneCSettingException(setting, $"{named.Count} entries of {set} are named '{wanted}'; give the Ref_Key of the one to use");
            throw new OneCSettingException(setting, $"1C has no {kind} named '{wanted}' in {set}; it has {Names(all)}");
        }

        return all.Count switch
        {
            1 => all[0],
            0 => throw new OneCSettingException(setting, $"{set} is empty in 1C"),
            _ => throw new OneCSettingException(setting, $"1C has {all.Count} entries in {set} ({Names(all)}); name the {kind} transfer orders use"),
        };
    }

    /// <summary>The names of the elements in use of a catalogue, for a check to suggest what the base has.</summary>
    public async Task<IReadOnlyList<string>> ListNamesAsync(string set, CancellationToken ct) =>
        (await ReadAllAsync(set, "list_names", "Ref_Key,Description", "DeletionMark eq false", ct)).Select(r => Str(r, "Description") ?? "").ToArray();

    private static string Names(IEnumerable<(Guid Key, string Name)> rows) => string.Join(", ", rows.Take(5).Select(r => $"'{r.Name}'"));

    private Task<List<JsonElement>> ReadAllAsync(string set, string action, string select, string? filter, CancellationToken ct) =>
        ReadPagesAsync(ODataUrl.Encode(set), action, select, filter, "Ref_Key", ct);

    /// <summary>
    /// Reads a whole set in pages of <see cref="OneCOptions.PageSize"/>: 1C has no server-side paging, so without $top a
    /// large catalogue comes back as one answer. A stable $orderby keeps the pages from overlapping.
    /// </summary>
    private async Task<List<JsonElement>> ReadPagesAsync(string path, string action, string select, string? filter, string orderBy, CancellationToken ct,
        params (string, string)[] extra)
    {
        var size = Math.Max(1, _o.PageSize);
        var rows = new List<JsonElement>();
        for (var skip = 0; ; skip += size)
        {
            var query = new List<(string, string)>(extra) { ("$select", select), ("$orderby", orderBy), ("$top", size.ToString(CultureInfo.InvariantCulture)), ("$skip", skip.ToString(CultureInfo.InvariantCulture)) };
            if (filter is not null) query.Insert(0, ("$filter", filter));
            var page = await GetValuesAsync(path, action, ct, [.. query]);
            rows.AddRange(page);
            if (page.Count < size) return rows;
        }
    }

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
                var (code, text, parameter) = ErrorBodies.Parse(body, response.Content.Headers.ContentType?.MediaType, response.ReasonPhrase ?? "");
                var refusal = OneCErrors.IsRefusal(response.StatusCode, code, text);
                if ((int)response.StatusCode >= 500 && !refusal && idempotent && attempt < _o.ReadRetries) { await RetryDelay.WaitAsync(attempt, clock, ct); continue; }
                throw new ExternalApiException(System, response.StatusCode, code, text, parameter) { IsRefusal = refusal };
            }
        }
    }

    private DateTime ServerTime(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, _o.ServerZone()).DateTime;

    private static Guid Key(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && global::System.Guid.TryParse(v.GetString(), out var g) ? g : global::System.Guid.Empty;

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static decimal Dec(JsonElement e, string name) => e.TryGetProperty(name, out var v)
        ? v.ValueKind == JsonValueKind.Number ? v.GetDecimal()
        : v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Any, CultureInfo.InvariantCulture, out var d) ? d : 0
        : 0;
}
