using System.Text.Json.Nodes;

namespace Hub.Simulators.State;

/// <summary>
/// A Document_ЗаказНаПеремещение as the base holds it: written unposted by one request, posted by another.
/// <see cref="Attributes"/> holds the header fields beyond the typed ones, exactly as the client sent them.
/// </summary>
public sealed record TransferOrderDocument(
    Guid RefKey,
    string Number,
    DateTime Date,
    bool Posted,
    bool DeletionMark,
    Guid OrganizationKey,
    Guid SenderKey,
    Guid RecipientKey,
    string Status,
    string Comment,
    IReadOnlyList<TransferOrderLine> Lines,
    int DataVersion,
    int PostAttempts,
    DateTimeOffset Created,
    JsonObject? Fields = null)
{
    public JsonObject Attributes => Fields ?? [];
}
