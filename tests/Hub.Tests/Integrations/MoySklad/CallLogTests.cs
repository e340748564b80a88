using System.Text.Json;
using Hub.Contracts.Logging;
using Hub.Integrations.Http;
using Hub.Integrations.MoySklad;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.MoySklad;

/// <summary>Every МойСклад call leaves one integration log, stamped with the run that made it and free of credentials.</summary>
public sealed class CallLogTests
{
    [Theory]
    [InlineData("token")]
    [InlineData("login")]
    public async Task every_call_is_logged_with_system_action_status_timing_attempt_and_the_run_and_no_secret(string credential)
    {
        await using var h = await ClientHarness.StartAsync(settings: s => { if (credential == "login") s["MoySklad:Token"] = null; });
        var runId = Guid.NewGuid();
        var requestId = Guid.NewGuid();

        using (IntegrationScope.Begin(new IntegrationScope("internal_replenishment", runId, requestId)))
        {
            await h.MoySklad.PingAsync(CancellationToken.None);
            var product = (await h.MoySklad.GetProductsAsync(null, CancellationToken.None))[0];
            await h.MoySklad.CreateCustomerOrderAsync(new CustomerOrderRequest(Guid.NewGuid(), "hub-log", "журнал", [new CustomerOrderLine(product.Ref, 1)]), CancellationToken.None);
            await Assert.ThrowsAsync<ExternalApiException>(() => h.MoySklad.GetProductsAsync("colour=red", CancellationToken.None));
        }

        var entries = h.Logs.Entries.ToList();
        Assert.Equal(h.Sim.State.Requests.MoySklad.Total, entries.Count);
        Assert.Equal(["ping", "list_products", "list_organization", "list_counterparty", "list_store", "create_customer_order", "list_products"],
            entries.Select(e => e.Action!).ToArray());
        Assert.All(entries, e =>
        {
            Assert.Equal("moysklad", e.ExternalSystem);
            Assert.Equal("internal_replenishment", e.ProcessName);
            Assert.Equal(runId.ToString(), e.RunId);
            Assert.Equal(requestId.ToString(), e.RequestId);
            Assert.Equal(0, e.RetryCount);
            Assert.True(e.ElapsedMs >= 0);
        });
        Assert.Equal([200, 200, 200, 200, 200, 200, 400], entries.Select(StatusCode).ToArray());
        Assert.Equal("400", entries[^1].ErrorCode);
        Assert.Equal(LogStatuses.Failed, entries[^1].Status);
        Secrets.AssertNoneIn(h.Sim.Options, entries);
    }

    [Fact]
    public async Task a_retried_call_logs_each_attempt_with_its_number()
    {
        await using var h = await ClientHarness.StartAsync(o => o.Faults.MoySklad = new FaultSettings { ErrorRate = 1 });

        var stores = h.MoySklad.GetStoresAsync(CancellationToken.None);
        await ClientHarness.UntilAsync(() => h.Sim.State.Requests.MoySklad.InjectedErrors >= 2, "two 5xx");
        h.Sim.Faults.Reset();
        await stores;

        var entries = h.Logs.Entries.ToList();
        Assert.Equal(Enumerable.Range(0, entries.Count).ToArray(), entries.Select(e => e.RetryCount ?? -1).ToArray());
        Assert.All(entries.SkipLast(1), e => Assert.Equal(LogStatuses.Retrying, e.Status));
        Assert.Equal(LogStatuses.Success, entries[^1].Status);
        Assert.Equal("integration_call", entries[0].ProcessName);
        Assert.Null(entries[0].RunId);
    }

    private static int StatusCode(LogEntry e) =>
        JsonSerializer.SerializeToElement(e.ResponsePayload).GetProperty("status_code").GetInt32();
}
