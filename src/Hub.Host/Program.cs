using System.Globalization;
using System.Text.Json;
using FastEndpoints;
using Hub.Admin;
using Hub.Contracts.Health;
using Hub.Host;
using Hub.Host.Configuration;
using Hub.Host.Database;
using Hub.Host.Health;
using Hub.Host.Hosting;
using Hub.Host.Security;
using Hub.Integrations;
using Hub.Logs;
using Hub.Outbox;
using Hub.Replenishment;
using JasperFx;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

// appsettings.json sits beside the program. A hub started from another folder (a systemd unit without WorkingDirectory, a
// shell elsewhere) would otherwise run without it: no donor warehouses, every request logged. The working directory stays
// the content root where it holds the settings (dotnet run in src/Hub.Host, the image's /app), or where one is named.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = Hub.Host.Configuration.ContentRoot.Choose(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
});
LegacySettings.Apply(builder.Configuration);
var settings = HubSettings.From(builder.Configuration);

// The hub's documented port, unless the operator chose one (urls, ASPNETCORE_URLS, HTTP_PORTS or --urls).
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
    builder.WebHost.UseUrls("http://localhost:5080");

var command = CommandLine.CommandOf(args);
if (settings.ConnectionString.Length == 0 && CommandLine.NeedsDatabase(command))
{
    Console.Error.WriteLine(HubSettings.MissingConnection);
    return 2;
}
// Bad log retention or partition settings stop the server and every command that uses the database here, in one
// line, not at the store's first use (help and the like still answer).
string? logsSettingsError = null;
try { if (CommandLine.NeedsDatabase(command)) logsSettingsError = Hub.Logs.LogsModule.SettingsProblem(builder.Configuration); }
catch (InvalidOperationException e) { logsSettingsError = e.Message; } // a value that is not a number at all
if (logsSettingsError is not null)
{
    Console.Error.WriteLine(logsSettingsError);
    return 5;
}
// A server never runs without a key check: a bad key setting, or no keys outside Development, stops it here.
var (keys, keysError) = AccessSettings.Read(builder.Configuration, builder.Environment.IsDevelopment());
string? developmentKey = null;
if (CommandLine.StartsServer(command))
{
    if (keysError is not null)
    {
        Console.Error.WriteLine(keysError);
        return 4;
    }
    if (keys.IsEmpty)
    {
        if (!builder.Environment.IsDevelopment())
        {
            Console.Error.WriteLine(AccessSettings.NoKeysInProduction);
            return 4;
        }
        developmentKey = builder.Configuration[AccessSettings.DevelopmentKeySetting] is { Length: > 0 } fixedKey ? fixedKey : ApiKeyRing.NewKey();
        keys = keys.With(ApiKeyRing.Development(developmentKey));
    }
}
var (durability, durabilityError) = HubDurability.Read(builder.Configuration, builder.Environment);
if (durabilityError is not null)
{
    Console.Error.WriteLine(durabilityError);
    return 5;
}
// help and similar commands build the host without touching the database; any syntactically valid string will do.
var connectionString = settings.ConnectionString.Length > 0 ? settings.ConnectionString : "Host=localhost;Database=hub";

builder.Services.AddSerilog((_, lc) =>
{
    lc.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
    // A command prints its own answer; the host's start-up chatter (endpoints registered, lifetime) would only bury it.
    if (!CommandLine.StartsServer(command))
        lc.MinimumLevel.Warning().MinimumLevel.Override("Microsoft.Hosting.Lifetime", Serilog.Events.LogEventLevel.Warning);
    if (settings.JsonConsole) lc.WriteTo.Console(new RenderedCompactJsonFormatter());
    else lc.WriteTo.Console(outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
        formatProvider: CultureInfo.InvariantCulture);
});

if (command == "describe")
    builder.Services.AddSingleton<IConfiguration>(MaskedConfiguration.From(builder.Configuration));

builder.Services.AddHubTelemetry(builder.Configuration);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => DatabaseProbe.CreateDataSource(connectionString));
builder.Services.AddSingleton<DatabaseProbe>();
builder.Services.AddHealthChecks()
    .AddCheck("process", () => HealthCheckResult.Healthy("answering"), [HealthTags.Live])
    .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready])
    .AddCheck<SchemaHealthCheck>("schema", tags: [HealthTags.Ready]);

var marten = builder.Services.AddMarten(opts =>
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = settings.SchemaName;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.SnakeCase);
        // With migrations off nothing is created behind the operator's back; start-up refuses a stale schema instead.
        opts.AutoCreateSchemaObjects = settings.RunMigrationsOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        opts.DisableNpgsqlLogging = true;
    })
    .UseLightweightSessions()
    .IntegrateWithWolverine(w => w.MessageStorageSchemaName = "wolverine");
if (settings.RunMigrationsOnStartup) marten.ApplyAllDatabaseChangesOnStartup();

builder.Services.AddIntegrations(builder.Configuration);
builder.Services
    .AddLogs(builder.Configuration)
    .AddOutbox(builder.Configuration)
    .AddReplenishment(builder.Configuration)
    .AddAdmin(builder.Configuration);

builder.Services.AssertPrebuiltHandlers(command);
builder.Host.UseWolverine(opts =>
{
    foreach (var assembly in HubAssemblies.Modules) opts.Discovery.IncludeAssembly(assembly);
    opts.Policies.AutoApplyTransactions();
    opts.Policies.UseDurableLocalQueues();
    // The database gone for a moment is transient for every handler (a run's end, a notification, a log batch): retried
    // until it is back, never dead-lettered. A handler's own rules come first; the Outbox's order rules start with this one.
    Hub.Integrations.Resilience.TransientDatabase.Retry(opts.Policies.OnException(Hub.Integrations.Resilience.TransientDatabase.Matches, "the database went away for a moment"));
    opts.ConfigureLogs(withSchedule: CommandLine.StartsServer(command));
    opts.ConfigureOutbox(builder.Configuration, withSchedule: CommandLine.StartsServer(command));
    opts.ConfigureReplenishment(builder.Configuration, withSchedule: CommandLine.StartsServer(command));
    opts.UsePrebuiltHandlers(builder.Configuration, command);
    opts.AutoBuildMessageStorageOnStartup = settings.RunMigrationsOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
    opts.UseHubDurability(durability, builder.Configuration);
});

// Scanning only the hub's own assemblies: a full scan would load Alba's types in tests, whose IdentityModel is a stand-in.
builder.Services.AddFastEndpoints(o =>
{
    o.DisableAutoDiscovery = true;
    o.Assemblies = HubAssemblies.All;
});
builder.Services.AddHubAccess(keys);
// Unhandled exceptions and empty error answers become problem details (pages: a readable page) in every environment.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<Hub.Host.Api.HubExceptionHandler>();
if (builder.Services.AddHubDataProtection(builder.Configuration, builder.Environment) is { } dataProtectionError && CommandLine.StartsServer(command))
{
    Console.Error.WriteLine(dataProtectionError);
    return 4;
}
builder.Services.AddOpenApi(o =>
{
    o.AddOperationTransformer<Hub.Host.Api.QueryParametersTransformer>();
    o.AddDocumentTransformer<Hub.Host.Api.ApiKeySecurityTransformer>();
    o.AddOperationTransformer<Hub.Host.Api.ApiKeySecurityTransformer>();
    o.AddDocumentTransformer<Hub.Host.Api.ApiReferenceTransformer>();
    o.AddOperationTransformer<Hub.Host.Api.ApiReferenceTransformer>();
});
// The OpenAPI schemas follow ASP.NET's JSON options; these match what FastEndpoints writes on the wire.
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
});

var app = builder.Build();

if (CommandLine.StartsServer(command) && !settings.RunMigrationsOnStartup)
{
    var drift = await SchemaCheck.FindDriftAsync(app.Services.GetRequiredService<IDocumentStore>());
    if (drift is not null)
    {
        Console.Error.WriteLine(drift);
        return 3;
    }
}

// First in the pipeline, so it answers before the developer exception page (which echoes the request's headers) could.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // The handler logs what it answered: a database outage is one warning per request, not an error with a stack each time.
    SuppressDiagnosticsCallback = _ => true,
});
app.UseStatusCodePages();
app.UseSecurityHeaders();
Hub.Admin.Shell.AdminCulture.UseAdminCulture(app);
Hub.Admin.Shell.AdminAntiforgeryCookie.UseAdminAntiforgeryCookie(app);
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<Hub.Host.Api.MissingContentTypeMiddleware>();
app.UseFastEndpoints(c =>
{
    c.Serializer.Options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    // States and triggers read as words ("Dispatching", "Schedule"), the way operators and scripts compare them.
    c.Serializer.Options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
    c.Serializer.Options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    c.Errors.UseProblemDetails();
});
app.MapHubMetrics();
// The reference is public on purpose: it describes the API, and every call it makes still needs a key.
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
// Served from the hub alone so it works where the hub has no internet: Scalar's script comes from the package (its default),
// the fonts are the browser's own, and nothing calls Scalar's services (AI agent, MCP, telemetry, the hosted client).
app.MapScalarApiReference("/docs", o => o
        .WithTitle(Hub.Host.Api.ApiReferenceTransformer.Title)
        .WithOpenApiRoutePattern("/openapi/{documentName}.json")
        .DisableDefaultFonts()
        .DisableAgent()
        .DisableMcp()
        .DisableTelemetry()
        .HideClientButton()
        .HideDeveloperTools())
    .AllowAnonymous();

app.Lifetime.ApplicationStarted.Register(() =>
{
    // The server's own addresses carry the real port when the configured one was 0.
    var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
        .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? app.Urls;
    foreach (var url in addresses)
        app.Logger.LogInformation("Integration Hub is up: {Url}  (API reference {Url}/docs, readiness {Url}/health/ready)", url, url.TrimEnd('/'), url.TrimEnd('/'));
    var wolverine = app.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>().Options;
    app.Logger.LogInformation("Wolverine durability mode {Mode}, node {NodeId}", wolverine.Durability.Mode, wolverine.UniqueNodeId);
    // Straight to the console, once: a key must not travel into log sinks, and this one exists only for this development run.
    if (developmentKey is not null)
        Console.WriteLine($"Development API key (role admin): {developmentKey}\n  send it as X-Api-Key: <key> or Authorization: Bearer <key>; configure Auth:Keys to use keys of your own.");
});

// JasperFx's own help lists every command alphabetically, Marten's and Wolverine's internals among the hub's; ours groups them.
if (Hub.Host.Commands.HubHelp.Answers(args)) return Hub.Host.Commands.HubHelp.Write(Console.Out);
Hub.Host.Commands.HubHelp.SilenceDiscovery();
return await app.RunJasperFxCommands(args);

public partial class Program;
