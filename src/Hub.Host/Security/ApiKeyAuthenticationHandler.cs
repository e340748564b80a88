using System.Security.Claims;
using System.Text.Encodings.Web;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Hub.Host.Security;

/// <summary>
/// Authenticates a request by its API key: <c>X-Api-Key</c>, <c>Authorization: Bearer</c>, or on Seq's ingestion
/// path <c>X-Seq-ApiKey</c> (what Serilog's Seq sink sends). The principal carries the key's role and every role it
/// implies (<see cref="HubRoles.Implied"/>). Challenges and refusals are RFC 7807 problem details; neither the
/// key nor any part of it is ever logged or echoed.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing ring)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string SeqHeaderName = "X-Seq-ApiKey";
    public const string KeyNameClaim = "hub:key";

    /// <summary>Only Seq's own endpoints read Seq's header and ?apiKey=, so the hub's API has one documented way in.</summary>
    public static readonly PathString SeqPath = new("/api/events");
    public static readonly PathString SeqIngestPath = new("/ingest");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        var key = ring.Find(presented);
        if (key is null) return Task.FromResult(AuthenticateResult.Fail("the API key is not recognised"));

        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name), new(KeyNameClaim, key.Name) };
        claims.AddRange(key.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"Bearer, ApiKey header=\"{HeaderName}\"";
        var detail = PresentedKey(Request) is null
            ? $"This endpoint needs an API key: send it in the {HeaderName} header or as Authorization: Bearer <key>."
            : "The API key is not recognised.";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(SchemeName);
        var name = result.Principal?.FindFirst(KeyNameClaim)?.Value ?? "(unknown)";
        var has = result.Principal?.FindAll(ClaimTypes.Role).Select(c => c.Value).FirstOrDefault() ?? "none";
        var needs = RequiredRoles(Context);
        var detail = needs.Count > 0
            ? $"The key '{name}' has the role {has}; this endpoint needs {string.Join(" or ", needs)}."
            : $"The key '{name}' (role {has}) may not use this endpoint.";
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", detail);
    }

    /// <summary>The key a request presents, or null when it presents none.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header) return header.Trim();
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization[7..].Trim() is { Length: > 0 } bearer)
            return bearer;
        if (request.Path.StartsWithSegments(SeqPath) || request.Path.StartsWithSegments(SeqIngestPath))
        {
            if (request.Headers[SeqHeaderName].ToString() is { Length: > 0 } seq) return seq.Trim();
            // Seq's clients that cannot set headers (browsers, some loggers) put the key in the URL.
            if (request.Query["apiKey"].ToString() is { Length: > 0 } query) return query.Trim();
        }
        return null;
    }

    /// <summary>The roles an endpoint declares; the hub's fallback (admin) for one that declares nothing.</summary>
    public static IReadOnlyList<string> RequiredRoles(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [];
        var roles = metadata.SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToList();
        return roles.Count > 0 || metadata.Count > 0 ? roles : [HubRoles.Admin];
    }

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Type = status == 401 ? "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2" : "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
            Title = title,
            Status = status,
            Detail = detail,
            Instance = Request.Path,
        };
        problem.Extensions["trace_id"] = Context.TraceIdentifier;
        return Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", Context.RequestAborted);
    }
}
