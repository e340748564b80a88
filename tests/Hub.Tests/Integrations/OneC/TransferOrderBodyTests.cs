using System.Text.Json.Nodes;
using Hub.Integrations.Http;
using Hub.Integrations.OneC;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.OneC;

/// <summary>
/// The contract of the transfer order the hub writes, checked against the table of attributes a УТ 11.5 base checks at
/// posting (ut11-reference.md): each is in the body with the value a transfer needs, and the simulator, which refuses a
/// posting without any of them, proves that dropping one would fail a real posting.
/// </summary>
public sealed class TransferOrderBodyTests
{
    public static TheoryData<string> Header => new(OneCReadiness.RequiredHeader);

    public static TheoryData<string> Row => new(OneCReadiness.RequiredRow);

    [Fact]
    public async Task the_marker_and_the_line_numbers_are_in_the_body_too()
    {
        var (h, body) = await BodyAsync();
        await using var _ = h;

        Assert.StartsWith("hub:", body["Комментарий"]!.GetValue<string>());
        Assert.All(body["Товары"]!.AsArray(), r => Assert.NotNull(r!["LineNumber"]));
    }

    private static async Task<(ClientHarness H, JsonObject Body)> BodyAsync()
    {
        var h = await ClientHarness.StartAsync();
        return (h, await h.OneC.TransferOrderBodyAsync(TransferOrders.Request(h, $"hub:{Guid.NewGuid()}"), CancellationToken.None));
    }

    [Fact]
    public async Task the_body_carries_the_values_a_transfer_from_the_hub_needs()
    {
        var (h, body) = await BodyAsync();
        await using var _ = h;
        var catalogue = h.Sim.State.Catalogue;
        var request = TransferOrders.Request(h, "hub:x");

        Assert.Equal(catalogue.OneCOrganization.Id.ToString(), body["Организация_Key"]!.GetValue<string>());
        Assert.Equal(catalogue.Priorities.Single(p => p.Name == "Средний").RefKey.ToString(), body["Приоритет_Key"]!.GetValue<string>());
        Assert.Equal("КВыполнению", body["Статус"]!.GetValue<string>());
        Assert.Equal("ПеремещениеТоваров", body["ХозяйственнаяОперация"]!.GetValue<string>());
        Assert.Equal("Самовывоз", body["СпособДоставки"]!.GetValue<string>());
        Assert.Equal("РазделенаПоЗаказамИНакладным", body["ВариантПриемкиТоваров"]!.GetValue<string>());
        var rows = body["Товары"]!.AsArray();
        Assert.Equal(["1", "2"], rows.Select(r => r!["LineNumber"]!.GetValue<string>()));
        Assert.All(rows, r =>
        {
            Assert.Equal(r!["Количество"]!.GetValue<decimal>(), r["КоличествоУпаковок"]!.GetValue<decimal>());
            Assert.Equal("Отгрузить", r["ВариантОбеспечения"]!.GetValue<string>());
            Assert.Equal(body["Date"]!.GetValue<string>(), r["НачалоОтгрузки"]!.GetValue<string>());
            Assert.Equal(OneCClient.EmptyRef, r["Упаковка_Key"]!.GetValue<string>());
        });
        Assert.Equal(request.Lines[1].CharacteristicKey.ToString(), rows[1]!["Характеристика_Key"]!.GetValue<string>());
        Assert.Equal(OneCClient.EmptyRef, rows[0]!["Характеристика_Key"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Header))]
    public async Task every_header_attribute_posting_checks_is_in_the_body_and_without_it_1c_refuses_the_posting(string field)
    {
        var (h, body) = await BodyAsync();
        await using var _ = h;
        Assert.True(body.ContainsKey(field), $"the body lacks {field}: {body.ToJsonString()}");

        body.Remove(field);
        await AssertPostingRefusedAsync(h, body, field);
    }

    [Theory]
    [MemberData(nameof(Row))]
    public async Task every_row_field_posting_checks_is_in_each_row_and_without_it_1c_refuses_the_posting(string field)
    {
        var (h, body) = await BodyAsync();
        await using var _ = h;
        Assert.All(body["Товары"]!.AsArray(), r => Assert.True(r!.AsObject().ContainsKey(field), $"a row lacks {field}"));

        // The row of the item kept by characteristic: there even the characteristic is required.
        body["Товары"]![1]!.AsObject().Remove(field);
        await AssertPostingRefusedAsync(h, body, field);
    }

    [Fact]
    public async Task a_field_the_bases_metadata_does_not_name_is_left_out_so_an_older_base_takes_the_body()
    {
        // 11.5.22 has no ПодлежитРазблокировке; a base customised without Отменено would not have that either: what
        // $metadata names is what is sent. Here the simulator publishes the 11.5.22 row type, and the body posts.
        await using var h = await ClientHarness.StartAsync();

        var result = await h.OneC.CreateTransferOrderAsync(TransferOrders.Request(h, $"hub:{Guid.NewGuid()}"), CancellationToken.None);

        Assert.Equal(TransferOrderOutcome.Created, result.Outcome);
        var metadata = await h.OneC.MetadataAsync(CancellationToken.None);
        var rows = metadata.Fields("Document_ЗаказНаПеремещение_Товары_RowType");
        Assert.DoesNotContain("ПодлежитРазблокировке", rows);
        Assert.All(Assert.Single(h.Sim.State.TransferOrders).Lines, l => Assert.All(l.Attributes, a => Assert.Contains(a.Key, rows)));
    }

    // The body without the field, written and posted as the client would: the create is taken (1C checks filling only
    // when posting), the posting is refused with 1C's text, and that refusal is one no retry cures.
    private static async Task AssertPostingRefusedAsync(ClientHarness h, JsonObject body, string field)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{h.Sim.Options.OneCUser}:{h.Sim.Options.OneCPassword}")));
        var created = await http.PostAsync(ODataUrl.Build(h.Sim.BaseAddress.ToString(), ODataUrl.Encode("Document_ЗаказНаПеремещение")),
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var key = Guid.Parse(JsonNode.Parse(await created.Content.ReadAsStringAsync())!["Ref_Key"]!.GetValue<string>());

        var refused = await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.PostAsync(key, CancellationToken.None));

        Assert.True(refused.IsRefusal, $"{field}: {refused.Message}");
        Assert.Contains("Не удалось провести", refused.Text);
        Assert.False(h.Sim.State.FindTransferOrder(key)!.Posted);
    }
}
