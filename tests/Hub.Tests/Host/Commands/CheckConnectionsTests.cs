using Hub.Simulators;
using Hub.Tests.Infrastructure;
using Npgsql;

namespace Hub.Tests.Host.Commands;

/// <summary>check-connections as an operator runs it: the built hub as a process against the simulators over real HTTP.</summary>
public sealed class CheckConnectionsTests
{
    private static async Task<Dictionary<string, string?>> EnvAsync(RunningSimulator sim, string token)
    {
        var cs = await TestDatabase.CreateAsync("cli_connections");
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = cs,
            ["MoySklad__BaseUrl"] = new Uri(sim.BaseAddress, "api/remap/1.2").ToString(),
            ["MoySklad__Token"] = token,
            ["MoySklad__OrganizationName"] = "ООО Симулятор",
            ["MoySklad__CounterpartyName"] = "Поставщик по умолчанию",
            ["MoySklad__StoreName"] = "Бестужевых",
            ["OneC__BaseUrl"] = sim.BaseAddress.ToString().TrimEnd('/'),
            ["OneC__User"] = "hub",
            ["OneC__Password"] = "sim-1c-password",
            ["OneC__TransferOrder__Priority"] = "Средний",
        };
    }

    [Fact]
    public async Task both_systems_report_success_with_the_round_trip_and_every_call_is_logged_without_secrets()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        var env = await EnvAsync(sim, "sim-moysklad-token");
        var result = await HubProcess.RunAsync(env, TimeSpan.FromMinutes(3), "check-connections");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"МойСклад\s+OK\s+\d+ ms", result.Stdout);
        Assert.Matches(@"1C\s+OK\s+\d+ ms", result.Stdout);
        Assert.Contains("configured names found: organization 'ООО Симулятор', counterparty 'Поставщик по умолчанию', store 'Бестужевых'", result.Stdout);
        Assert.Contains("configured names found: donor warehouse 'Бестужевых', donor warehouse 'Контейнер', organization 'ООО Симулятор', priority 'Средний'", result.Stdout);
        // One line for each object the hub needs from a real base, and for what every transfer order names.
        foreach (var set in new[] { "Catalog_Склады", "Catalog_Номенклатура", "Catalog_ХарактеристикиНоменклатуры", "Catalog_УпаковкиЕдиницыИзмерения",
                     "Catalog_Организации", "Catalog_Приоритеты", "InformationRegister_ТоварныеОграничения", "AccumulationRegister_ТоварыНаСкладах", "Document_ЗаказНаПеремещение" })
            Assert.Matches($@"(?m)^\s+OK\s+{set}: published and readable$", result.Stdout);
        Assert.Matches(@"(?m)^\s+OK\s+Document_ЗаказНаПеремещение attributes: all 9 header attributes and 6 row fields posting checks are published, and Комментарий for the hub's marker$", result.Stdout);
        Assert.Matches(@"(?m)^\s+OK\s+organization: 'ООО Симулятор' \(", result.Stdout);
        Assert.Matches(@"(?m)^\s+OK\s+priority: 'Средний' \(", result.Stdout);

        await using var conn = new NpgsqlConnection(env["ConnectionStrings__Hub"]);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select external_system, data::text from hub.mt_doc_integration_log where process_name = 'check_connections'", conn);
        var rows = new List<(string System, string Data)>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        Assert.Contains(rows, r => r.System == "moysklad" && r.Data.Contains("\"elapsed_ms\""));
        Assert.Contains(rows, r => r.System == "1c");
        Assert.DoesNotContain(rows, r => r.Data.Contains("sim-moysklad-token") || r.Data.Contains("sim-1c-password"));
    }

    [Fact]
    public async Task a_configured_name_the_system_lacks_fails_the_check_naming_the_closest_ones()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        var env = await EnvAsync(sim, "sim-moysklad-token");
        env["MoySklad__StoreName"] = "Бестужева";
        env["OneC__DonorWarehouses__1"] = "Контейнер 2";
        var result = await HubProcess.RunAsync(env, TimeSpan.FromMinutes(3), "check-connections");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"МойСклад\s+FAILED\s+\d+ ms .*store 'Бестужева' \(MoySklad:StoreName\) not found, closest: 'Бестужевых'", result.Stdout);
        Assert.Matches(@"1C\s+FAILED\s+\d+ ms .*donor warehouse 'Контейнер 2' \(OneC:DonorWarehouses:1\) not found, closest: 'Контейнер'", result.Stdout);
    }

    [Fact]
    public async Task a_base_missing_what_the_hub_needs_says_what_in_one_line_each()
    {
        // A base where the norms register was not published, the user may not read priorities, and there are two organizations.
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ExtraOrganizations = 1,
            OneCUnpublishedSets = ["InformationRegister_ТоварныеОграничения"],
            OneCDeniedSets = ["Catalog_Приоритеты"],
        });
        var env = await EnvAsync(sim, "sim-moysklad-token");
        var result = await HubProcess.RunAsync(env, TimeSpan.FromMinutes(3), "check-connections");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"1C\s+FAILED\s+\d+ ms", result.Stdout);
        Assert.Matches(@"(?m)^\s+MISSING InformationRegister_ТоварныеОграничения: not published: add it to the base's standard OData interface", result.Stdout);
        Assert.Matches(@"(?m)^\s+MISSING Catalog_Приоритеты: published but not readable by user 'hub': Недостаточно прав", result.Stdout);
        Assert.Matches(@"(?m)^\s+MISSING organization: 1C has 2 entries in Catalog_Организации \('ООО Симулятор[^)]*\); name the organization transfer orders use \(set OneC:TransferOrder:Organization\)$", result.Stdout);
        Assert.Matches(@"(?m)^\s+OK\s+Catalog_Склады: published and readable$", result.Stdout);
        Assert.DoesNotContain("sim-1c-password", result.Stdout);
    }

    [Fact]
    public async Task a_wrong_credential_is_reported_with_the_servers_reason_and_a_non_zero_exit()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        var env = await EnvAsync(sim, "not-the-token");
        env["OneC__Password"] = "wrong";
        var result = await HubProcess.RunAsync(env, TimeSpan.FromMinutes(3), "check-connections");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"МойСклад\s+FAILED.*401", result.Stdout);
        Assert.Matches(@"1C\s+FAILED.*401", result.Stdout);
    }
}
