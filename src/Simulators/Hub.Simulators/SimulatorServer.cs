using System.Net;
using Hub.Simulators.Catalogue;
using Hub.Simulators.Faults;
using Hub.Simulators.Http;
using Hub.Simulators.Inspection;
using Hub.Simulators.MoySklad;
using Hub.Simulators.OneC;
using Hub.Simulators.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hub.Simulators;

public static class SimulatorServer
{
    private const string DefaultUrl = "http://127.0.0.1:5090";

    // In-process start for tests: a real Kestrel socket on a free loopback port, so clients go through real HTTP.
    public static async Task<RunningSimulator> StartAsync(SimulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // In-process instances ignore appsettings and ASPNETCORE_* variables: a test must get exactly the options it passed.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var (app, state, faults) = Build(builder, options);
        await app.StartAsync(ct);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new RunningSimulator(app, new Uri(address.TrimEnd('/') + "/"), options, state, faults);
        }
        catch
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            throw;
        }
    }

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var options = builder.Configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        var (app, state, _) = Build(builder, options);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hub.Simulators");
            logger.LogInformation(
                "Simulators listening on {Urls}: МойСклад at {MoySklad}, 1C OData at {OneC}, inspection at {Inspection}; {Items} items, seed {Seed}",
                string.Join(", ", app.Urls),
                MoySkladApi.Prefix,
                ODataApi.Marker,
                InspectionEndpoints.Prefix,
                state.Catalogue.Items.Count,
                options.Seed);
        });
        await app.RunAsync();
    }

    private static (WebApplication App, SimulatorState State, SimulatorFaults Faults) Build(WebApplicationBuilder builder, SimulatorOptions options)
    {
        var state = new SimulatorState(CatalogueGenerator.Generate(options.Seed, options.ItemCount, options.ExtraShops, options.ExtraOrganizations, options.UncoverableShare));
        var faults = new SimulatorFaults(options.Seed, options.Faults);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimulatorLifetime>();
        builder.Services.AddSingleton<MoySkladApi>();
        builder.Services.AddSingleton<ODataApi>();
        builder.Services.AddSingleton<InspectionEndpoints>();
        // Hanging fault requests observe ApplicationStopping, so a short grace period is enough.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var moySklad = app.Services.GetRequiredService<MoySkladApi>();
        var oneC = app.Services.GetRequiredService<ODataApi>();
        app.Map(MoySkladApi.Prefix + "/{**path}", moySklad.HandleAsync);
        app.Map(ODataApi.Marker + "/{**path}", oneC.HandleAsync);
        // Real bases are published under an infobase name, e.g. /UT11/odata/standard.odata.
        app.Map("/{infobase}" + ODataApi.Marker + "/{**path}", oneC.HandleAsync);
        app.Services.GetRequiredService<InspectionEndpoints>().Map(app);
        return (app, state, faults);
    }
}
