using System.Text.Json.Nodes;

namespace Hub.Simulators.State;

/// <summary>A row of the document's Товары; <see cref="Attributes"/> holds the other row fields as the client sent them.</summary>
public sealed record TransferOrderLine(int LineNumber, Guid ItemKey, decimal Quantity, Guid CharacteristicKey = default, JsonObject? Fields = null)
{
    public JsonObject Attributes => Fields ?? [];
}
