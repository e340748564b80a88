using System.Text.Json;
using Hub.Contracts.Logging;
using Hub.Integrations.Http;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.OneC;

/// <summary>Every 1C call leaves one integration log, stamped with the run that made it and free of credentials.</summary>
public sealed class CallLogTests
{
    [Fact]
    public async Task every_call_is_logged_with_system_action_status_timing_attempt_and_the_run_and_no_secret()
    {
        await using var h = await ClientHarness.StartAsync();
        var runId = Guid.NewGuid();
        var requestId = Guid.NewGuid();

        using (IntegrationScope.Begin(new IntegrationScope("internal_replenishment", runId, requestId)))
        {
            await h.OneC.GetWarehousesAsync(CancellationToken.None);
            await h.OneC.GetBalancesAsync(CancellationToken.None);
            await h.OneC.GetMinimumLevelsAsync(CancellationToken.None);
            await h.OneC.CreateTransferOrderAsync(TransferOrders.Request(h, $"hub:{runId}"), CancellationToken.None);
            await Assert.ThrowsAsync<ExternalApiException>(() =>
                h.OneC.CreateTransferOrderAsync(TransferOrders.Request(h, $"hub:{Guid.NewGuid()}") with { ToWarehouse = Guid.NewGuid() }, CancellationToken.None));
        }

        var entries = h.Logs.Entries.ToList();
        Assert.Equal(h.Sim.State.Requests.OneC.Total, entries.Count);
        // The organization, the priority and $metadata are asked once, before the first create, and kept.
        Assert.Equal(["list_warehouses", "read_balances", "read_minimum_levels", "find_transfer_order", "list_organization", "list_priority", "read_metadata",
            "create_transfer_order", "post_transfer_order", "find_transfer_order", "create_transfer_order"], entries.Select(e => e.Action!).ToArray());
        Assert.Equal([200, 200, 200, 200, 200, 200, 200, 201, 200, 200, 400], entries.Select(e => JsonSerializer.SerializeToElement(e.ResponsePayload).GetProperty("status_code").GetInt32()).ToArray());
        Assert.All(entries, e =>
        {
            Assert.Equal("1c", e.ExternalSystem);
            Assert.Equal("internal_replenishment", e.ProcessName);
            Assert.Equal(runId.ToString(), e.RunId);
            Assert.Equal(requestId.ToString(), e.RequestId);
            Assert.Equal(0, e.RetryCount);
            Assert.True(e.ElapsedMs >= 0);
        });
        // Cyrillic paths are logged readable, not percent-encoded.
        Assert.Equal("1c POST /odata/standard.odata/Document_ЗаказНаПеремещение → 201", entries[7].Message);
        Assert.Equal(LogStatuses.Failed, entries[^1].Status);
        Secrets.AssertNoneIn(h.Sim.Options, entries);
    }

    [Fact]
    public async Task a_call_that_got_no_answer_is_logged_as_such()
    {
        await using var h = await ClientHarness.StartAsync(o => o.Faults.OneC = new FaultSettings { DropRate = 1, Methods = "POST" });

        await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.CreateTransferOrderAsync(TransferOrders.Request(h, "hub:drop"), CancellationToken.None));

        var create = Assert.Single(h.Logs.Entries, e => e.Action == "create_transfer_order");
        Assert.Equal(LogStatuses.Retrying, create.Status);
        Assert.Equal("connection", create.ErrorCode);
        Assert.Null(create.ResponsePayload);
        Assert.True(create.ElapsedMs >= 0);
    }
}
