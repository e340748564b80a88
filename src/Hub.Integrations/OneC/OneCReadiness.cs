using Hub.Integrations.Http;

namespace Hub.Integrations.OneC;

/// <summary>One thing a real base must have for the hub to work, and whether it has it, in a line an operator can act on.</summary>
public sealed record ReadinessLine(string Subject, bool Ok, string Text)
{
    /// <summary>
    /// The line's words with {0}… for its values, and the values (the subject's when <see cref="SubjectTemplate"/> is set, then
    /// the text's): what a page tells in its reader's language. The English line stays what the console and the API print.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore] public string? TextTemplate { get; init; }

    [System.Text.Json.Serialization.JsonIgnore] public string? SubjectTemplate { get; init; }

    [System.Text.Json.Serialization.JsonIgnore] public IReadOnlyList<string> Args { get; init; } = [];

    public const string NotPublished = "not published: add it to the base's standard OData interface (needed for {0})";
    public const string Readable = "published and readable";
    public const string NotReadable = "published but not readable by user '{0}': {1}";
    public const string AttributesSubject = "{0} attributes";
    public const string AttributesPublished = "all {0} header attributes and {1} row fields posting checks are published, and {2} for the hub's marker";
    public const string NotInMetadata = "not in $metadata: {0}";

    internal static ReadinessLine Told(string subject, bool ok, string template, params string[] args) =>
        new(subject, ok, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, args)) { TextTemplate = template, Args = args };

    public override string ToString() => $"{(Ok ? "OK     " : "MISSING")} {Subject}: {Text}";
}

/// <summary>
/// Checks a 1C base before the first real run: each object the hub reads or writes is published in the standard OData
/// interface and readable by the hub's user, and the transfer order's type names every attribute posting checks.
/// Rights to write and post cannot be seen without writing, so the README says which to grant.
/// </summary>
public static class OneCReadiness
{
    /// <summary>The attributes a УТ 11.5 base checks when it posts a transfer order (ut11-reference.md), header and rows.</summary>
    public static IReadOnlyList<string> RequiredHeader { get; } =
        ["Date", "Организация_Key", "СкладОтправитель_Key", "СкладПолучатель_Key", "Статус", "ХозяйственнаяОперация", "Приоритет_Key", "СпособДоставки", "ВариантПриемкиТоваров"];

    public static IReadOnlyList<string> RequiredRow { get; } =
        ["Номенклатура_Key", "Характеристика_Key", "Количество", "КоличествоУпаковок", "ВариантОбеспечения", "НачалоОтгрузки"];

    /// <summary>What the hub itself needs besides: Комментарий holds its marker, LineNumber orders the rows.</summary>
    public static IReadOnlyList<string> HubHeader { get; } = ["Комментарий"];

    public static IReadOnlyList<string> HubRow { get; } = ["LineNumber"];

    public static async Task<IReadOnlyList<ReadinessLine>> CheckAsync(OneCClient client, OneCOptions o, CancellationToken ct)
    {
        var metadata = await client.MetadataAsync(ct);
        var lines = new List<ReadinessLine>();
        var objects = new (string Set, string Path, string Select, string Use)[]
        {
            (o.WarehousesSet, ODataUrl.Encode(o.WarehousesSet), "Ref_Key", "warehouses"),
            (o.ItemsSet, ODataUrl.Encode(o.ItemsSet), "Ref_Key", "items"),
            (o.CharacteristicsSet, ODataUrl.Encode(o.CharacteristicsSet), "Ref_Key", "characteristics' names"),
            (o.UnitsSet, ODataUrl.Encode(o.UnitsSet), "Ref_Key", "units' names"),
            (o.OrganizationsSet, ODataUrl.Encode(o.OrganizationsSet), "Ref_Key", "the transfer order's organization"),
            (o.PrioritiesSet, ODataUrl.Encode(o.PrioritiesSet), "Ref_Key", "the transfer order's priority"),
            (o.MinimumLevels.EntitySet, ODataUrl.Encode(o.MinimumLevels.EntitySet), o.MinimumLevels.WarehouseField, "minimum and maximum levels"),
            (o.BalanceRegister, $"{ODataUrl.Encode(o.BalanceRegister)}/Balance", "Склад_Key", "balances"),
            (o.OnItsWay.Register, $"{ODataUrl.Encode(o.OnItsWay.Register)}/Balance", "Склад_Key", "goods on their way"),
            (o.TransferOrderSet, ODataUrl.Encode(o.TransferOrderSet), "Ref_Key", "transfer orders"),
        };
        foreach (var (set, path, select, use) in objects.Where(x => !string.IsNullOrWhiteSpace(x.Set)))
        {
            if (!metadata.Publishes(set))
            {
                lines.Add(ReadinessLine.Told(set, false, ReadinessLine.NotPublished, use));
                continue;
            }

            try
            {
                await client.ProbeAsync(path, select, ct);
                lines.Add(ReadinessLine.Told(set, true, ReadinessLine.Readable));
            }
            catch (ExternalApiException ex)
            {
                // A missing right is a 500 from 1C, not a 403: its text says so.
                lines.Add(ReadinessLine.Told(set, false, ReadinessLine.NotReadable, o.User ?? "", ex.Text));
            }
        }

        var type = o.TransferOrderSet;
        var rowType = $"{type}_Товары_RowType";
        if (metadata.Publishes(type))
        {
            var missing = RequiredHeader.Concat(HubHeader).Where(f => !metadata.Has(type, f))
                .Concat(RequiredRow.Concat(HubRow).Where(f => !metadata.Has(rowType, f)).Select(f => $"Товары.{f}")).ToList();
            var line = missing.Count == 0
                ? ReadinessLine.Told($"{type} attributes", true, ReadinessLine.AttributesPublished, $"{RequiredHeader.Count}", $"{RequiredRow.Count}", "Комментарий")
                : ReadinessLine.Told($"{type} attributes", false, ReadinessLine.NotInMetadata, string.Join(", ", missing));
            lines.Add(line with { SubjectTemplate = ReadinessLine.AttributesSubject, Args = [type, .. line.Args] });
        }

        foreach (var (subject, resolve) in new (string, Func<CancellationToken, Task<(Guid Key, string Name)>>)[]
                 { ("organization", client.ResolveOrganizationAsync), ("priority", client.ResolvePriorityAsync) })
        {
            try
            {
                var (key, name) = await resolve(ct);
                lines.Add(new ReadinessLine(subject, true, $"'{name}' ({key})"));
            }
            catch (Exception ex) when (ex is OneCSettingException or ExternalApiException)
            {
                lines.Add(new ReadinessLine(subject, false, ex.Message));
            }
        }

        return lines;
    }
}
