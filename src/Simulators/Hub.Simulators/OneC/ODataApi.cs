using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Simulators.Faults;
using Hub.Simulators.Http;
using Hub.Simulators.State;

namespace Hub.Simulators.OneC;

public sealed class ODataApi
{
    public const string Marker = "/odata/standard.odata";

    private readonly SimulatorOptions options;
    private readonly SimulatorState state;
    private readonly SimulatorFaults faults;
    private readonly SimulatorLifetime lifetime;
    private readonly TimeProvider time;
    private readonly BalanceTable balances;
    private readonly BalanceTable incoming;
    private readonly TransferOrders transferOrders;
    private readonly Dictionary<string, Lazy<List<JsonObject>>> catalogs;
    private readonly ConcurrentDictionary<string, PreparedRows> prepared = new();

    public ODataApi(SimulatorOptions options, SimulatorState state, SimulatorFaults faults, SimulatorLifetime lifetime, TimeProvider time)
    {
        this.time = time;
        this.options = options;
        this.state = state;
        this.faults = faults;
        this.lifetime = lifetime;
        balances = new BalanceTable(state.Catalogue, BalanceTable.Stock(state.Catalogue));
        incoming = new BalanceTable(state.Catalogue, BalanceTable.Incoming(state.Catalogue));
        transferOrders = new TransferOrders(state, options);
        var catalogue = state.Catalogue;
        // The reference data never changes, so each set's rows are built once; pages of a 100,000-item catalogue then cost a filter, not a rebuild.
        catalogs = new Dictionary<string, Lazy<List<JsonObject>>>
        {
            [OneCNames.Warehouses] = new(() => [.. catalogue.WarehouseFolders.Select(OneCJson.WarehouseFolder), .. catalogue.Warehouses.Select(OneCJson.Warehouse)]),
            [OneCNames.Items] = new(() => [.. catalogue.ItemFolders.Select(OneCJson.ItemFolder), .. catalogue.Items.Concat(catalogue.DeletedItems).Select(OneCJson.Item)]),
            [OneCNames.Characteristics] = new(() => catalogue.Characteristics.Select(OneCJson.Characteristic).ToList()),
            [OneCNames.Units] = new(() => catalogue.Units.Select(OneCJson.Unit).ToList()),
            [OneCNames.Organizations] = new(() => catalogue.OneCOrganizations.Select(OneCJson.Organization).ToList()),
            [OneCNames.Priorities] = new(() => catalogue.Priorities.Select((p, i) => OneCJson.Priority(p, i + 1)).ToList()),
            [OneCNames.Norms] = new(() => catalogue.Norms.Select(OneCJson.Norm).ToList()),
        };
    }

    /// <summary>What this base publishes: every object of the schema except those left out of the OData interface.</summary>
    private IEnumerable<OneCEntity> Published() =>
        OneCSchema.All(options.OneCRelease).Where(e => !IsUnpublished(e.Set.EndsWith("_Balance", StringComparison.Ordinal) ? e.Set[..^"_Balance".Length] : e.Set));

    private bool IsUnpublished(string set) => options.OneCUnpublishedSets.Contains(set, StringComparer.Ordinal);

    public Task HandleAsync(HttpContext context) =>
        RequestTrace.TrackAsync(context, state.Requests.OneC, time, () => HandleCoreAsync(context, state.Requests.OneC));

    private async Task HandleCoreAsync(HttpContext context, SystemRequestCounters counters)
    {
        var fault = faults.For(SimulatorSystem.OneC, context.Request.Method);

        if (!Authenticated(context.Request))
        {
            // A web server in front of 1C rejects the credentials itself, with plain text and a challenge.
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"1C:Enterprise\"";
            await WriteAsync(context, SimResponse.Text(401, "401 Unauthorized: Basic authentication required", "text/plain; charset=utf-8"), fault, counters);
            return;
        }

        using var cancellation = lifetime.Link(context);
        try
        {
            await FaultPipeline.DelayAsync(fault, cancellation.Token);
            var plan = faults.Roll(fault);
            if (plan.ServerErrorStatus is { } status)
            {
                counters.CountInjectedError();
                await WriteAsync(context, ODataErrors.Internal(fault.HtmlErrors ? 502 : status, "Внутренняя ошибка сервера 1С:Предприятия"), fault, counters);
                return;
            }

            SimResponse response;
            try
            {
                response = await RouteAsync(context, fault, cancellation.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                response = ODataErrors.Internal(500, $"Внутренняя ошибка: {e.Message}");
            }

            if (await FaultPipeline.SwallowAsync(context, plan, fault, counters, cancellation.Token)) return;
            await WriteAsync(context, response, fault, counters);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away or the simulator is stopping: there is nobody left to answer.
        }
    }

    private async Task<SimResponse> RouteAsync(HttpContext context, FaultSettings fault, CancellationToken ct)
    {
        var request = context.Request;
        // Request.Path is already percent-decoded by Kestrel, so encoded and raw Cyrillic names arrive alike.
        var path = request.Path.Value ?? "";
        var markerAt = path.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        var root = path[..(markerAt + Marker.Length)];
        var rest = path[(markerAt + Marker.Length)..];
        var baseUrl = $"{request.Scheme}://{request.Host}{root}";
        var metadataUrl = $"{baseUrl}/$metadata";

        var format = request.Query["$format"].ToString();
        if (format.Length > 0 && !format.Equals("json", StringComparison.OrdinalIgnoreCase) && !format.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return ODataErrors.Error(406, "13", $"Формат '{format}' не поддерживается симулятором: используйте $format=json");
        }

        var segments = ODataPath.Parse(rest);
        var method = request.Method;
        if (segments.Count == 0)
        {
            var sets = new JsonArray();
            foreach (var set in OneCNames.EntitySets.Where(n => !IsUnpublished(n))) sets.Add(new JsonObject { ["name"] = set, ["url"] = set });
            return SimResponse.Json(200, new JsonObject { ["odata.metadata"] = metadataUrl, ["value"] = sets });
        }

        var first = segments[0];
        if (first.Name == "$metadata") return SimResponse.Text(200, ODataMetadata.Document(Published()), "application/xml; charset=utf-8");
        if (IsUnpublished(first.Name)) return ODataErrors.NotFound($"Не найден ресурс '{first.Name}'");
        if (options.OneCDeniedSets.Contains(first.Name, StringComparer.Ordinal))
        {
            // 1C answers a missing right with its internal error, not 403.
            return ODataErrors.Internal(500, method == HttpMethods.Get
                ? $"Недостаточно прав для просмотра данных ({first.Name})"
                : $"Недостаточно прав для изменения данных ({first.Name})");
        }

        if (catalogs.TryGetValue(first.Name, out var rows))
        {
            if (first.Name == OneCNames.Norms && first.Arguments is not null)
                return ODataErrors.BadRequest("Обращение к записи регистра по ключу не поддерживается симулятором");
            return ReadOnly(context, method, metadataUrl, first, segments, rows.Value, OneCSchema.Find(first.Name, options.OneCRelease)!,
                prepared.GetOrAdd(first.Name, _ => new PreparedRows()).For(0));
        }

        switch (first.Name)
        {
            case OneCNames.StockRegister:
                return Register(context, method, metadataUrl, segments, balances, OneCSchema.StockBalance);
            case OneCNames.IncomingRegister:
                return Register(context, method, metadataUrl, segments, incoming, OneCSchema.IncomingBalance);
            case OneCNames.TransferOrders:
                return await DocumentsAsync(context, method, baseUrl, metadataUrl, segments, fault, ct);
            default:
                return ODataErrors.NotFound($"Не найден ресурс '{first.Name}'");
        }
    }

    private static SimResponse ReadOnly(HttpContext context, string method, string metadataUrl, ODataSegment first, List<ODataSegment> segments,
        List<JsonObject> rows, OneCEntity entity, PreparedRows cache)
    {
        if (method != HttpMethods.Get) return ODataErrors.MethodNotAllowed(method, first.Name);
        if (segments.Count > 1) return ODataErrors.NotFound($"Не найден ресурс '{first.Name}/{segments[1].Name}'");
        return first.Arguments is null ? Collection(context, metadataUrl, first.Name, rows, entity, cache) : Single(context, metadataUrl, first, rows, entity);
    }

    private SimResponse Register(HttpContext context, string method, string metadataUrl, List<ODataSegment> segments, BalanceTable table, OneCEntity entity)
    {
        var name = segments[0].Name;
        if (method != HttpMethods.Get) return ODataErrors.MethodNotAllowed(method, name);
        if (segments.Count != 2 || segments[1].Name != "Balance")
        {
            return ODataErrors.BadRequest($"Симулятор публикует только виртуальную таблицу {name}/Balance");
        }

        var error = table.TryRead(segments[1].Arguments, context.Request.Query, out var rows);
        // Prepared per shape of the virtual table (its parameters) and per version of the stock.
        if (prepared.Count > 64) prepared.Clear();
        var cache = prepared.GetOrAdd($"{name}/Balance({segments[1].Arguments})?{context.Request.Query["Condition"]}|{context.Request.Query["Dimensions"]}",
            _ => new PreparedRows()).For(state.Catalogue.StockVersion);
        return error ?? Collection(context, metadataUrl, entity.Set, rows, entity, cache);
    }

    private async Task<SimResponse> DocumentsAsync(HttpContext context, string method, string baseUrl, string metadataUrl, List<ODataSegment> segments, FaultSettings fault, CancellationToken ct)
    {
        var first = segments[0];
        if (first.Arguments is null)
        {
            if (segments.Count > 1) return ODataErrors.NotFound($"Не найден ресурс '{first.Name}/{segments[1].Name}'");
            if (method == HttpMethods.Get) return Collection(context, metadataUrl, first.Name, transferOrders.Rows().ToList(), transferOrders.Entity);
            if (method != HttpMethods.Post) return ODataErrors.MethodNotAllowed(method, first.Name);
            var (error, document) = await transferOrders.CreateAsync(context.Request, ct);
            if (error is not null) return error;
            var json = ODataQuery.Element(metadataUrl, first.Name, OneCJson.TransferOrder(document!), context.Request.Query);
            return SimResponse.Json(201, json, headers: new Dictionary<string, string>
            {
                // Header values must be ASCII, so the Cyrillic entity set name goes out percent-encoded.
                ["Location"] = new Uri($"{baseUrl}/{first.Name}(guid'{document!.RefKey}')").AbsoluteUri,
            });
        }

        if (ODataPath.ParseKey(first.Arguments) is not { } key) return ODataErrors.BadRequest($"Неверный ключ '{first.Arguments}'");
        if (segments.Count == 1)
        {
            if (method != HttpMethods.Get) return ODataErrors.MethodNotAllowed(method, first.Name);
            var row = transferOrders.Find(key);
            if (row is null) return TransferOrders.NotFound(key);
            if (ODataQuery.CheckSelect(context.Request.Query["$select"].ToString(), transferOrders.Entity) is { } unknown)
                return ODataErrors.BadRequest($"Неверный параметр запроса: поле '{unknown}' не найдено");
            return SimResponse.Json(200, ODataQuery.Element(metadataUrl, first.Name, row, context.Request.Query));
        }

        if (segments.Count == 2 && method == HttpMethods.Post)
        {
            switch (segments[1].Name)
            {
                case "Post": return transferOrders.Post(key, context.Request.Query, fault);
                case "Unpost": return transferOrders.Unpost(key);
            }
        }

        return ODataErrors.NotFound($"Не найден ресурс '{first.Name}/{segments[1].Name}'");
    }

    private static SimResponse Collection(HttpContext context, string metadataUrl, string entitySet, List<JsonObject> rows, OneCEntity entity,
        PreparedRows? cache = null)
    {
        var error = ODataQuery.TryApply(context.Request.Query, rows, out var page, out var total, entity, cache);
        return error ?? SimResponse.Json(200, ODataQuery.Collection(metadataUrl, entitySet, page, total, context.Request.Query));
    }

    private static SimResponse Single(HttpContext context, string metadataUrl, ODataSegment first, List<JsonObject> rows, OneCEntity entity)
    {
        if (ODataPath.ParseKey(first.Arguments) is not { } key) return ODataErrors.BadRequest($"Неверный ключ '{first.Arguments}'");
        if (ODataQuery.CheckSelect(context.Request.Query["$select"].ToString(), entity) is { } unknown)
            return ODataErrors.BadRequest($"Неверный параметр запроса: поле '{unknown}' не найдено");
        var row = rows.FirstOrDefault(r => r["Ref_Key"]?.GetValue<string>() == key.ToString());
        return row is null
            ? ODataErrors.NotFound($"Не найден объект {first.Name} с ключом guid'{key}'")
            : SimResponse.Json(200, ODataQuery.Element(metadataUrl, first.Name, row, context.Request.Query));
    }

    private bool Authenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        var (user, password) = MoySklad.MoySkladAuth.DecodeBasic(header[6..].Trim());
        return user == options.OneCUser && password == options.OneCPassword;
    }

    private static async Task WriteAsync(HttpContext context, SimResponse response, FaultSettings fault, SystemRequestCounters counters)
    {
        counters.CountStatus(response.Status);
        var http = context.Response;
        http.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers) http.Headers[name] = value;
        var body = response.Body;
        var contentType = response.ContentType;
        if (response.Status >= 400 && fault.HtmlErrors)
        {
            body = Encoding.UTF8.GetBytes(HtmlErrorPage.For(response.Status));
            contentType = HtmlErrorPage.ContentType;
        }

        if (body.Length == 0)
        {
            http.ContentLength = 0;
            return;
        }

        http.ContentType = contentType;
        http.ContentLength = body.Length;
        await http.Body.WriteAsync(body, context.RequestAborted);
    }
}
