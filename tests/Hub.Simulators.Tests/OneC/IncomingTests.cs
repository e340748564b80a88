using System.Net;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

/// <summary>
/// A posted transfer order moves stock as a real base does: its recipient is to receive it (ТоварыКПоступлению), its
/// sender has it promised (КОтгрузке); goods received move from one to the other, and a fully received order closes.
/// </summary>
public sealed class IncomingTests
{
    private static string IncomingPath => $"{OneCPaths.Encode("AccumulationRegister_ТоварыКПоступлению")}/Balance{Uri.EscapeDataString("(Dimensions='Номенклатура,Характеристика,Склад')")}?$format=json";

    [Fact]
    public async Task a_posted_order_is_on_its_way_to_the_recipient_and_promised_at_the_sender_until_received()
    {
        await using var sim = await Sim.StartAsync();
        var catalogue = sim.Server.State.Catalogue;
        var client = sim.OneC();
        var body = OneCDocuments.Body(sim, "hub:incoming");
        var row = body["Товары"]![0]!;
        var item = Guid.Parse(row["Номенклатура_Key"]!.GetValue<string>());
        var sender = catalogue.Warehouse("Бестужевых").RefKey;
        var recipient = catalogue.Warehouse("Магазин Невский").RefKey;
        var (senderFree, recipientOnHand) = (catalogue.FreeOf(sender, item), catalogue.BalanceOf(recipient, item));
        var refKey = (await (await client.PostAsync(OneCDocuments.Collection, body.Json())).JsonAsync())["Ref_Key"].Str();
        Assert.Empty((await (await client.GetAsync(IncomingPath)).JsonAsync())["value"]!.AsArray());

        await client.PostAsync(OneCDocuments.Post(refKey), null);
        var incoming = (await (await client.GetAsync(IncomingPath)).JsonAsync())["value"]!.AsArray();
        var half = await sim.Inspection().PostAsync($"_sim/1c/documents/{refKey}/receive?share=0.5", null);
        var afterHalf = (await (await client.GetAsync(IncomingPath)).JsonAsync())["value"]!.AsArray();
        var rest = await sim.Inspection().PostAsync($"_sim/1c/documents/{refKey}/receive", null);

        var line = Assert.Single(incoming, r => r!["Номенклатура_Key"].Str() == item.ToString())!;
        Assert.Equal(recipient.ToString(), line["Склад_Key"].Str());
        Assert.Equal(4m, line["КПоступлениюBalance"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.OK, half.StatusCode);
        Assert.Equal(2m, afterHalf.Single(r => r!["Номенклатура_Key"].Str() == item.ToString())!["КПоступлениюBalance"]!.GetValue<decimal>());
        Assert.Equal("Закрыт", (await rest.JsonAsync())["Статус"].Str());
        Assert.Empty((await (await client.GetAsync(IncomingPath)).JsonAsync())["value"]!.AsArray());
        Assert.Equal(senderFree - 4, catalogue.FreeOf(sender, item));
        Assert.Equal(recipientOnHand + 4, catalogue.BalanceOf(recipient, item));
    }

    [Fact]
    public async Task posting_reserves_at_the_sender_and_a_reset_puts_the_stock_back()
    {
        await using var sim = await Sim.StartAsync();
        var catalogue = sim.Server.State.Catalogue;
        var client = sim.OneC();
        var body = OneCDocuments.Body(sim, "hub:reserve");
        var item = Guid.Parse(body["Товары"]![0]!["Номенклатура_Key"]!.GetValue<string>());
        var sender = catalogue.Warehouse("Бестужевых").RefKey;
        var before = catalogue.FreeOf(sender, item);
        var refKey = (await (await client.PostAsync(OneCDocuments.Collection, body.Json())).JsonAsync())["Ref_Key"].Str();

        await client.PostAsync(OneCDocuments.Post(refKey), null);
        await client.PostAsync(OneCDocuments.Post(refKey), null);
        var reserved = catalogue.FreeOf(sender, item);
        await sim.Inspection().PostAsync("_sim/reset", null);

        // Posting twice reserves once.
        Assert.Equal(before - 4, reserved);
        Assert.Equal(before, catalogue.FreeOf(sender, item));
        Assert.Empty(catalogue.Incoming);
    }
}
