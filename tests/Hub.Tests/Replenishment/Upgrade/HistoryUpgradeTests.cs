using System.Text.Json;
using Alba;
using Hub.Contracts.Outbox;
using Hub.Outbox.Deliveries;
using Hub.Outbox.Upgrade;
using Hub.Replenishment.Upgrade;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Tests.Replenishment.Upgrade;

/// <summary>
/// Runs and deliveries stored as documents by a hub from before event streams are turned into streams and read as before:
/// decisions, orders and their states, a parked order's envelope for its replay, and a dispatching run that can still end.
/// </summary>
[Collection(ReplenishmentCollection.Name)]
public sealed class HistoryUpgradeTests(ReplenishmentFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);

    private static RunOrder Order(OrderKind kind, DeliveryState state) => new()
    {
        Id = Guid.CreateVersion7(), Kind = kind, DonorKey = kind == OrderKind.Transfer ? Guid.NewGuid() : null,
        DonorName = kind == OrderKind.Transfer ? "Бестужевых" : null, RecipientKey = Guid.NewGuid(), RecipientName = "Магазин Купчино",
        Lines = [new PlannedLine(Guid.NewGuid(), "Чай чёрный", "шт", 12)], State = state, Attempts = state == DeliveryState.Queued ? 0 : 1,
        UpdatedAt = state == DeliveryState.Queued ? null : T0.AddMinutes(1),
    };

    private async Task InsertAsync(string table, Guid id, object document, params (string Column, object? Value)[] columns)
    {
        var json = fixture.Store.Options.Serializer().ToJson(document);
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var names = string.Concat(columns.Select(c => ", " + c.Column));
        var values = string.Concat(columns.Select((_, i) => $", ${i + 3}"));
        await using var command = new NpgsqlCommand($"insert into {fixture.Store.Options.DatabaseSchemaName}.{table} (id, data{names}) values ($1, $2::jsonb{values})", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = json });
        foreach (var (_, value) in columns) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }

    private Task InsertRunAsync(RunHistoryUpgrade.LegacyRun run) =>
        InsertAsync("mt_doc_replenishment_run", run.Id, run, ("requested_at", run.RequestedAt), ("status", run.Status.ToString()),
            ("active_scope", run.Status is RunStatus.Planning or RunStatus.Dispatching ? "all" : null));

    private Task InsertDeliveryAsync(Guid runId, RunOrder order, Guid? envelopeId, string? reason) =>
        InsertAsync(Delivery.TableName, order.Id, new
        {
            Id = order.Id, RunId = runId, ExternalSystem = order.ExternalSystem,
            MessageType = order.Kind == OrderKind.Transfer ? "SendTransferOrder" : "SendCustomerOrder",
            Description = $"Заказ на перемещение Бестужевых → Магазин Купчино, 1 lines", State = order.State, Attempts = order.Attempts,
            EnvelopeId = envelopeId, ExceptionType = order.State == DeliveryState.Parked ? "OneCPostingException" : null, Reason = reason,
            ExternalId = order.State == DeliveryState.Sent ? "ref-1" : null, ExternalNumber = order.State == DeliveryState.Sent ? "00-000001" : null,
            FirstAttemptAt = T0.AddMinutes(1), UpdatedAt = T0.AddMinutes(1),
        }, ("updated_at", T0.AddMinutes(1)), ("state", order.State.ToString()), ("run_id", runId), ("external_system", order.ExternalSystem));

    private async Task UpgradeAsync()
    {
        await DeliveryHistoryUpgrade.UpgradeAsync(fixture.Store, CancellationToken.None);
        await RunHistoryUpgrade.UpgradeAsync(fixture.Store, fixture.Host.Services.GetRequiredService<IRunOrders>(), CancellationToken.None);
    }

    [Fact]
    public async Task a_finished_legacy_run_keeps_its_decisions_orders_and_parked_envelope_and_the_upgrade_runs_once()
    {
        var sent = Order(OrderKind.Transfer, DeliveryState.Sent);
        var parked = Order(OrderKind.Transfer, DeliveryState.Parked);
        var run = new RunHistoryUpgrade.LegacyRun
        {
            Id = Guid.CreateVersion7(), Trigger = RunTrigger.Schedule, Status = RunStatus.CompletedWithFailures, RequestedAt = T0,
            PlanningStartedAt = T0, PlannedAt = T0.AddSeconds(3), FinishedAt = T0.AddMinutes(2), ReadMs = 2500, PlanMs = 40,
            Inputs = new RunInputs(5, 60, 300, 300, ["Бестужевых", "Контейнер"]), Warnings = ["старое предупреждение"],
            Decisions = [new Decision(Guid.NewGuid(), "Магазин Купчино", Guid.NewGuid(), "Чай чёрный", "шт", 2, 10, 20, 18, [], 0, DecisionOutcome.Transfer, "balance 2 < minimum 10")],
            Orders = [sent, parked],
        };
        var envelope = Guid.NewGuid();
        await InsertRunAsync(run);
        await InsertDeliveryAsync(run.Id, sent, Guid.NewGuid(), null);
        await InsertDeliveryAsync(run.Id, parked, envelope, "1C refused posting: Не заполнено поле Организация");

        await UpgradeAsync();
        await UpgradeAsync();

        var detail = await fixture.RunAsync(run.Id);
        Assert.Equal("CompletedWithFailures", detail.GetProperty("status").GetString());
        Assert.Equal("balance 2 < minimum 10", Assert.Single(detail.GetProperty("decisions").EnumerateArray()).GetProperty("reason").GetString());
        Assert.Equal("старое предупреждение", Assert.Single(detail.GetProperty("warnings").EnumerateArray()).GetString());
        var orders = detail.GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetGuid(), o => o.GetProperty("state").GetString());
        Assert.Equal("Sent", orders[sent.Id]);
        Assert.Equal("Parked", orders[parked.Id]);
        await using var session = fixture.Store.QuerySession();
        Assert.Equal(4, (await session.Events.FetchStreamAsync(run.Id)).Count);
        Assert.Equal(2, (await session.Events.FetchStreamAsync(parked.Id)).Count);
        var view = await session.LoadAsync<Delivery>(parked.Id);
        Assert.Equal((DeliveryState.Parked, envelope, "1C refused posting: Не заполнено поле Организация"), (view!.State, view.EnvelopeId!.Value, view.Reason));

        var list = await (await fixture.Host.Scenario(s => s.Get.Url("/api/v1/runs"))).ReadAsJsonAsync<JsonElement>();
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal((1, 2, 1, 1), (row.GetProperty("deficits").GetInt32(), row.GetProperty("orders").GetInt32(), row.GetProperty("sent").GetInt32(), row.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task a_legacy_run_left_dispatching_ends_at_the_upgrade_when_its_orders_had_all_ended_and_otherwise_keeps_its_scope()
    {
        var done = Order(OrderKind.Purchase, DeliveryState.Sent);
        var finished = new RunHistoryUpgrade.LegacyRun
        {
            Id = Guid.CreateVersion7(), Trigger = RunTrigger.Api, WarehouseId = Guid.NewGuid(), Status = RunStatus.Dispatching, RequestedAt = T0,
            PlannedAt = T0.AddSeconds(1), Orders = [done],
        };
        var waiting = Order(OrderKind.Purchase, DeliveryState.Queued);
        var open = new RunHistoryUpgrade.LegacyRun
        {
            Id = Guid.CreateVersion7(), Trigger = RunTrigger.Api, Status = RunStatus.Dispatching, RequestedAt = T0.AddHours(1),
            PlannedAt = T0.AddHours(1), Orders = [waiting],
        };
        await InsertRunAsync(finished);
        await InsertDeliveryAsync(finished.Id, done, Guid.NewGuid(), null);
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            // Two legacy runs may not share the active scope; the finished one had a warehouse of its own.
            await connection.OpenAsync();
            await using var scope = new NpgsqlCommand($"update {fixture.Store.Options.DatabaseSchemaName}.mt_doc_replenishment_run set active_scope = '{finished.WarehouseId}' where id = '{finished.Id}'", connection);
            await scope.ExecuteNonQueryAsync();
        }
        await InsertRunAsync(open);

        await UpgradeAsync();

        Assert.Equal("Completed", (await fixture.RunAsync(finished.Id)).GetProperty("status").GetString());
        var stillOpen = await fixture.RunAsync(open.Id);
        Assert.Equal("Dispatching", stillOpen.GetProperty("status").GetString());
        Assert.Equal("Queued", Assert.Single(stillOpen.GetProperty("orders").EnumerateArray()).GetProperty("state").GetString());
        // Its scope is still held: a new run for every warehouse is refused until the old one ends.
        var refused = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new { }).ToUrl("/api/v1/trigger/internal-replenishment");
            s.StatusCodeShouldBe(409);
        });
        Assert.Contains(open.Id.ToString(), await refused.ReadAsTextAsync());
    }
}
