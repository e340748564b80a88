using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Simulators.Faults;
using Hub.Simulators.Http;
using Hub.Simulators.State;

namespace Hub.Simulators.MoySklad;

// Order of checks mirrors what a client meets in production: compression, authentication,
// the parallel limit, the rate bucket, and only then the resource itself.
public sealed class MoySkladApi
{
    public const string Prefix = "/api/remap/1.2";

    private readonly SimulatorOptions options;
    private readonly SimulatorState state;
    private readonly SimulatorFaults faults;
    private readonly SimulatorLifetime lifetime;
    private readonly TimeProvider time;
    private readonly RateBucket rate;
    private readonly ParallelLimiter parallel;
    private readonly EntityEndpoints entities;
    private readonly StockReports stock;
    private readonly CustomerOrders orders;

    public MoySkladApi(SimulatorOptions options, SimulatorState state, SimulatorFaults faults, SimulatorLifetime lifetime, TimeProvider time)
    {
        this.options = options;
        this.state = state;
        this.faults = faults;
        this.lifetime = lifetime;
        this.time = time;
        rate = new RateBucket(options.RateBucketUnits, options.RateWindow, time);
        parallel = new ParallelLimiter(options.MaxParallel);
        entities = new EntityEndpoints(state);
        stock = new StockReports(state.Catalogue);
        orders = new CustomerOrders(state);
    }

    public Task HandleAsync(HttpContext context) =>
        RequestTrace.TrackAsync(context, state.Requests.MoySklad, time, () => HandleCoreAsync(context, state.Requests.MoySklad));

    private async Task HandleCoreAsync(HttpContext context, SystemRequestCounters counters)
    {
        var fault = faults.For(SimulatorSystem.MoySklad, context.Request.Method);

        if (!AcceptsGzip(context.Request))
        {
            // The vendor answers 415 with no body at all, not even an error JSON.
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            context.Response.ContentLength = 0;
            counters.CountStatus(415);
            return;
        }

        var credential = MoySkladAuth.Authenticate(context.Request, options);
        if (credential is null)
        {
            await WriteAsync(context, MoySkladErrors.Unauthorized(), fault, counters);
            return;
        }

        using var slot = parallel.TryEnter(credential.Key);
        if (slot is null)
        {
            await WriteAsync(context, MoySkladErrors.ParallelLimit(), fault, counters);
            return;
        }

        var segments = Segments(context.Request.Path);
        var isStockReport = segments.Length >= 2 && segments[0] == "report" && segments[1] == "stock";
        if (fault.Force429)
        {
            var peek = rate.Peek(credential.Key);
            await WriteAsync(context, MoySkladErrors.RateLimit(RateHeaders(peek, refused: true)), fault, counters);
            return;
        }

        var decision = rate.TryConsume(credential.Key, isStockReport ? 5 : credential.Cost);
        var headers = RateHeaders(decision, refused: !decision.Allowed);
        foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        if (!decision.Allowed)
        {
            await WriteAsync(context, MoySkladErrors.RateLimit(headers), fault, counters);
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
                await WriteAsync(context, MoySkladErrors.ServerError(fault.HtmlErrors ? 502 : status), fault, counters);
                return;
            }

            var request = new MoySkladRequest
            {
                Http = context,
                BaseUrl = $"{context.Request.Scheme}://{context.Request.Host}{Prefix}",
                Segments = segments,
                Credential = credential,
                Aborted = cancellation.Token,
            };
            SimResponse response;
            try
            {
                response = await RouteAsync(request);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                response = MoySkladErrors.Response(500, $"При обработке запроса возникла непредвиденная ошибка: {e.Message}", 1095);
            }

            if (await FaultPipeline.SwallowAsync(context, plan, fault, counters, cancellation.Token)) return;
            await WriteAsync(context, response, fault, counters);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away or the simulator is stopping: there is nobody left to answer.
        }
    }

    private async Task<SimResponse> RouteAsync(MoySkladRequest request)
    {
        var s = request.Segments;
        var method = request.Method;
        var json = new MoySkladJson(state.Catalogue, request.BaseUrl);
        switch (s)
        {
            case ["security", "token"]:
                if (method != HttpMethods.Post) return MoySkladErrors.MethodNotAllowed(method);
                // Only a login/password may mint a token, as in production.
                if (!request.Credential.IsBasic) return MoySkladErrors.Unauthorized();
                return SimResponse.Json(200, new JsonObject { ["access_token"] = options.MoySkladToken });

            case ["entity", var type, ..] when !EntityEndpoints.IsKnownType(type):
                return MoySkladErrors.UnknownType(type);

            case ["entity", "customerorder"] when method == HttpMethods.Post:
                return await orders.CreateAsync(request, json);

            case ["entity", var type] when method == HttpMethods.Get:
                return entities.List(request, json, type);

            case ["entity", var type] when method == HttpMethods.Post:
                return MoySkladErrors.Response(405, $"Создание объектов типа '{type}' не поддерживается", 1011);

            case ["entity", var type, var id] when method == HttpMethods.Get:
                return entities.Single(json, type, id);

            case ["entity", "customerorder", var id, "positions"] when method == HttpMethods.Get:
                return entities.Positions(request, json, id);

            case ["report", "stock", "bystore"] when method == HttpMethods.Get:
                return stock.ByStore(request, json);

            case ["report", "stock", "all"] when method == HttpMethods.Get:
                return stock.All(request, json);

            case ["report", "stock", "bystore", "current"] when method == HttpMethods.Get:
                return stock.Current(request, byStore: true);

            case ["report", "stock", "all", "current"] when method == HttpMethods.Get:
                return stock.Current(request, byStore: false);

            case ["entity", ..] or ["report", "stock", ..]:
                return MoySkladErrors.MethodNotAllowed(method);

            default:
                return MoySkladErrors.UnknownPath(request.PathText);
        }
    }

    private static string[] Segments(PathString path)
    {
        var value = path.Value ?? "";
        var rest = value.Length >= Prefix.Length ? value[Prefix.Length..] : "";
        return rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var header in request.Headers.AcceptEncoding)
        {
            if (header is null) continue;
            foreach (var part in header.Split(','))
            {
                var pieces = part.Split(';', StringSplitOptions.TrimEntries);
                if (!pieces[0].Equals("gzip", StringComparison.OrdinalIgnoreCase)) continue;
                var refused = pieces.Skip(1).Any(p => p.Replace(" ", "") is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
                if (!refused) return true;
            }
        }

        return false;
    }

    private static Dictionary<string, string> RateHeaders(RateDecision decision, bool refused)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = decision.Limit.ToString(),
            ["X-RateLimit-Remaining"] = decision.Remaining.ToString(),
            ["X-Lognex-Retry-TimeInterval"] = decision.IntervalMs.ToString(),
            ["X-Lognex-Reset"] = decision.ResetMs.ToString(),
        };
        if (refused) headers["X-Lognex-Retry-After"] = decision.ResetMs.ToString();
        return headers;
    }

    private static async Task WriteAsync(HttpContext context, SimResponse response, FaultSettings fault, SystemRequestCounters counters)
    {
        counters.CountStatus(response.Status);
        RequestTrace.ErrorCode(context, response.ErrorCode);
        if (response.ErrorCode == MoySkladErrors.RateLimitCode) counters.CountRateLimited();
        if (response.ErrorCode == MoySkladErrors.ParallelLimitCode) counters.CountParallelLimited();

        var http = context.Response;
        http.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers) http.Headers[name] = value;
        var body = response.Body;
        if (body.Length == 0)
        {
            http.ContentLength = 0;
            return;
        }

        if (response.Status >= 400 && fault.HtmlErrors)
        {
            body = Encoding.UTF8.GetBytes(HtmlErrorPage.For(response.Status));
            http.ContentType = HtmlErrorPage.ContentType;
        }
        else
        {
            body = Gzip(body);
            http.ContentType = response.ContentType;
            http.Headers.ContentEncoding = "gzip";
        }

        http.ContentLength = body.Length;
        await http.Body.WriteAsync(body, context.RequestAborted);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }
}
