using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hub.Simulators.Catalogue;
using Hub.Simulators.Faults;
using Hub.Simulators.Http;
using Hub.Simulators.MoySklad;
using Hub.Simulators.OneC;
using Hub.Simulators.State;

namespace Hub.Simulators.Inspection;

// /_sim/* is the test bench's side door: no auth, no gzip, no faults, so assertions never fight the chaos they check.
public sealed class InspectionEndpoints(SimulatorState state, SimulatorFaults faults, SimulatorOptions options)
{
    public const string Prefix = "/_sim";

    // Typos in a fault body ("latency" for "latencyMs") must fail loudly, not silently turn a fault off.
    private static readonly JsonSerializerOptions FaultReader = new(SimJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet($"{Prefix}/faults", context => Write(context, 200, FaultsJson()));
        routes.MapPut($"{Prefix}/faults/{{system}}", PutFaultsAsync);
        routes.MapDelete($"{Prefix}/faults", context =>
        {
            faults.Reset();
            return Write(context, 200, FaultsJson());
        });
        routes.MapGet($"{Prefix}/moysklad/orders", context => Write(context, 200, Orders(context)));
        routes.MapGet($"{Prefix}/1c/documents", context => Write(context, 200, Documents()));
        routes.MapGet($"{Prefix}/onec/documents", context => Write(context, 200, Documents()));
        routes.MapGet($"{Prefix}/requests", context => Write(context, 200, Requests()));
        routes.MapGet($"{Prefix}/requests/{{system}}/log", RequestLog);
        routes.MapPost($"{Prefix}/reset", context =>
        {
            state.Reset();
            return Write(context, 200, new JsonObject { ["reset"] = true });
        });
        routes.MapGet($"{Prefix}/catalogue", context => Write(context, 200, Catalogue()));
        // Goods arrive: a share of a posted transfer order's rows is received at its recipient (ПеремещениеТоваров by the order).
        routes.MapPost($"{Prefix}/1c/documents/{{refKey}}/receive", context =>
        {
            var share = decimal.TryParse(context.Request.Query["share"], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1m;
            if (!Guid.TryParse(context.Request.RouteValues["refKey"]?.ToString(), out var key) || share is <= 0 or > 1)
                return Write(context, 400, new JsonObject { ["error"] = "refKey must be a document's Ref_Key and share within (0, 1]" });
            var document = new TransferOrders(state, options).Receive(key, share);
            return document is null
                ? Write(context, 404, new JsonObject { ["error"] = $"no posted transfer order guid'{key}'" })
                : Write(context, 200, new JsonObject { ["Ref_Key"] = key.ToString(), ["Статус"] = document.Status, ["open"] = state.Catalogue.OpenOf(key) });
        });

        // The seller ships a share of a customer order's positions (a demand against it); the order's positions then report it as shipped.
        routes.MapPost($"{Prefix}/moysklad/orders/{{id}}/ship", context =>
        {
            var share = decimal.TryParse(context.Request.Query["share"], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1m;
            if (!Guid.TryParse(context.Request.RouteValues["id"]?.ToString(), out var id) || share is <= 0 or > 1)
                return Write(context, 400, new JsonObject { ["error"] = "id must be a customer order's id and share within (0, 1]" });
            var order = state.ShipCustomerOrder(id, share);
            return order is null
                ? Write(context, 404, new JsonObject { ["error"] = $"no customer order {id}" })
                : Write(context, 200, new JsonObject
                {
                    ["id"] = id.ToString(),
                    ["quantity"] = (double)order.Positions.Sum(p => p.Quantity),
                    ["shipped"] = (double)order.Positions.Sum(p => p.Shipped),
                });
        });
    }

    public static bool TryParseSystem(string? name, out SimulatorSystem system)
    {
        system = SimulatorSystem.MoySklad;
        switch (name?.ToLowerInvariant())
        {
            case "moysklad":
                return true;
            case "onec" or "1c":
                system = SimulatorSystem.OneC;
                return true;
            default:
                return false;
        }
    }

    private async Task PutFaultsAsync(HttpContext context)
    {
        if (!TryParseSystem(context.Request.RouteValues["system"]?.ToString(), out var system))
        {
            await Write(context, 404, new JsonObject { ["error"] = "unknown system; use 'moysklad' or 'onec'" });
            return;
        }

        FaultSettings? settings;
        try
        {
            settings = await JsonSerializer.DeserializeAsync<FaultSettings>(context.Request.Body, FaultReader, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await Write(context, 400, new JsonObject { ["error"] = e.Message });
            return;
        }

        var problem = settings is null ? "body must be a JSON object" : settings.Validate();
        if (problem is not null)
        {
            await Write(context, 400, new JsonObject { ["error"] = problem });
            return;
        }

        faults.Set(system, settings!);
        await Write(context, 200, FaultsJson());
    }

    // ?status=429 narrows the log to one status; ?after=<sequence> to what a test has not seen yet.
    private Task RequestLog(HttpContext context)
    {
        if (!TryParseSystem(context.Request.RouteValues["system"]?.ToString(), out var system))
        {
            return Write(context, 404, new JsonObject { ["error"] = "unknown system; use 'moysklad' or 'onec'" });
        }

        IEnumerable<RecordedRequest> entries = state.Requests.For(system).Log;
        if (int.TryParse(context.Request.Query["status"], out var status)) entries = entries.Where(e => e.Status == status);
        if (long.TryParse(context.Request.Query["after"], out var after)) entries = entries.Where(e => e.Sequence > after);
        var list = new JsonArray();
        foreach (var e in entries)
        {
            list.Add(new JsonObject
            {
                ["sequence"] = e.Sequence,
                ["receivedAt"] = e.ReceivedAt.ToString("O"),
                ["method"] = e.Method,
                ["path"] = e.Path,
                ["query"] = e.Query,
                ["acceptEncoding"] = e.AcceptEncoding,
                ["status"] = e.Status,
                ["errorCode"] = e.ErrorCode,
                ["contentEncoding"] = e.ContentEncoding,
                ["outcome"] = e.Outcome.ToString(),
            });
        }

        return Write(context, 200, new JsonObject { ["count"] = list.Count, ["requests"] = list });
    }

    private JsonObject FaultsJson() => new()
    {
        ["moysklad"] = SimJson.ToNode(faults.MoySklad),
        ["onec"] = SimJson.ToNode(faults.OneC),
    };

    private JsonObject Orders(HttpContext context)
    {
        var json = new MoySkladJson(state.Catalogue, $"{context.Request.Scheme}://{context.Request.Host}{MoySkladApi.Prefix}");
        var orders = state.CustomerOrders;
        var list = new JsonArray();
        foreach (var order in orders)
        {
            var positions = new JsonArray();
            foreach (var position in order.Positions)
            {
                positions.Add(new JsonObject
                {
                    ["assortmentId"] = position.AssortmentId.ToString(),
                    ["assortmentType"] = position.AssortmentType,
                    ["name"] = position.AssortmentType == "variant"
                        ? state.Catalogue.FindVariant(position.AssortmentId) is { } v ? $"{state.Catalogue.FindItem(v.ItemKey)?.Name} ({v.Name})" : null
                        : state.Catalogue.FindProduct(position.AssortmentId)?.Name,
                    ["quantity"] = position.Quantity,
                    ["price"] = position.Price,
                });
            }

            list.Add(new JsonObject
            {
                ["id"] = order.Id.ToString(),
                ["name"] = order.Name,
                ["syncId"] = order.SyncId?.ToString(),
                ["externalCode"] = order.ExternalCode,
                ["description"] = order.Description,
                ["organizationId"] = order.OrganizationId.ToString(),
                ["agentId"] = order.AgentId.ToString(),
                ["storeId"] = order.StoreId?.ToString(),
                ["created"] = MoySkladJson.Moment(order.Created),
                ["receivedCount"] = order.ReceivedCount,
                ["positions"] = positions,
                ["href"] = json.Meta("customerorder", order.Id)["href"]!.GetValue<string>(),
            });
        }

        return new JsonObject
        {
            ["count"] = orders.Count,
            ["orders"] = list,
            ["createdBySyncId"] = Tally(orders.Where(o => o.SyncId is not null).Select(o => o.SyncId!.Value.ToString())),
            ["createdByExternalCode"] = Tally(orders.Select(o => o.ExternalCode)),
        };
    }

    private JsonObject Documents()
    {
        var documents = state.TransferOrders;
        var list = new JsonArray();
        foreach (var document in documents)
        {
            var json = OneCJson.TransferOrder(document);
            json["СкладОтправитель"] = state.Catalogue.FindWarehouse(document.SenderKey)?.Name;
            json["СкладПолучатель"] = state.Catalogue.FindWarehouse(document.RecipientKey)?.Name;
            json["postAttempts"] = document.PostAttempts;
            json["created"] = document.Created.ToString("O");
            foreach (var line in json["Товары"]!.AsArray())
            {
                var key = Guid.Parse(line!["Номенклатура_Key"]!.GetValue<string>());
                line["Номенклатура"] = state.Catalogue.FindItem(key)?.Name;
                if (Guid.TryParse(line["Характеристика_Key"]?.GetValue<string>(), out var characteristic) && characteristic != Guid.Empty)
                    line["Характеристика"] = state.Catalogue.FindCharacteristic(characteristic)?.Name;
            }

            list.Add(json);
        }

        return new JsonObject
        {
            ["count"] = documents.Count,
            ["documents"] = list,
            ["byComment"] = Tally(documents.Select(d => d.Comment)),
        };
    }

    private JsonObject Requests() => new()
    {
        ["moysklad"] = Counters(state.Requests.MoySklad),
        ["onec"] = Counters(state.Requests.OneC),
    };

    private static JsonObject Counters(SystemRequestCounters counters)
    {
        var byStatus = new JsonObject();
        foreach (var (status, count) in counters.ByStatus) byStatus[status.ToString()] = count;
        return new JsonObject
        {
            ["total"] = counters.Total,
            ["tooManyRequests"] = counters.TooManyRequests,
            ["rateLimited"] = counters.RateLimited,
            ["parallelLimited"] = counters.ParallelLimited,
            ["serverErrors"] = counters.ServerErrors,
            ["injectedErrors"] = counters.InjectedErrors,
            ["timeouts"] = counters.Timeouts,
            ["drops"] = counters.Drops,
            ["byStatus"] = byStatus,
        };
    }

    private JsonObject Catalogue()
    {
        var catalogue = state.Catalogue;
        var warehouses = new JsonArray();
        foreach (var warehouse in catalogue.Warehouses)
        {
            warehouses.Add(new JsonObject
            {
                ["name"] = warehouse.Name,
                ["role"] = warehouse.Role == WarehouseRole.Donor ? "donor" : "recipient",
                ["oneCRefKey"] = warehouse.RefKey.ToString(),
                ["oneCCode"] = warehouse.Code,
                ["moySkladStoreId"] = warehouse.StoreId.ToString(),
                ["moySkladCode"] = warehouse.StoreCode,
                ["deletionMark"] = warehouse.DeletionMark,
            });
        }

        return new JsonObject
        {
            ["seed"] = catalogue.Seed,
            ["itemCount"] = catalogue.Items.Count,
            ["balanceRows"] = catalogue.Balances.Count,
            ["normRows"] = catalogue.Norms.Count,
            ["warehouses"] = warehouses,
            ["oneC"] = new JsonObject
            {
                ["organization"] = new JsonObject { ["Ref_Key"] = catalogue.OneCOrganization.Id.ToString(), ["Description"] = catalogue.OneCOrganization.Name },
            },
            ["moySklad"] = new JsonObject
            {
                ["organization"] = new JsonObject { ["id"] = catalogue.MoySkladOrganization.Id.ToString(), ["name"] = catalogue.MoySkladOrganization.Name },
                ["counterparty"] = new JsonObject { ["id"] = catalogue.MoySkladCounterparty.Id.ToString(), ["name"] = catalogue.MoySkladCounterparty.Name },
            },
            ["scenarios"] = Tally(catalogue.Items.Select(i => i.Scenario.ToString())),
        };
    }

    private static JsonObject Tally(IEnumerable<string> keys)
    {
        var tally = new JsonObject();
        foreach (var group in keys.GroupBy(k => k, StringComparer.Ordinal)) tally[group.Key] = group.Count();
        return tally;
    }

    private static Task Write(HttpContext context, int status, JsonNode body)
    {
        var bytes = SimJson.ToUtf8(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}
