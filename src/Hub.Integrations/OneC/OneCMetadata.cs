using System.Xml.Linq;

namespace Hub.Integrations.OneC;

/// <summary>
/// The base's $metadata, read once: which entity sets it publishes and which fields each type has. Fields differ between
/// releases (ПодлежитРазблокировке first appears in 11.5.27), so a body carries only what this base names.
/// </summary>
public sealed class OneCMetadata
{
    private readonly Dictionary<string, HashSet<string>> _types;
    private readonly HashSet<string> _sets;

    private OneCMetadata(Dictionary<string, HashSet<string>> types, HashSet<string> sets) => (_types, _sets) = (types, sets);

    public static OneCMetadata Parse(string xml)
    {
        var document = XDocument.Parse(xml);
        var types = document.Descendants()
            .Where(e => e.Name.LocalName is "EntityType" or "ComplexType" && e.Attribute("Name") is not null)
            .GroupBy(e => (string)e.Attribute("Name")!)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Elements().Where(p => p.Name.LocalName == "Property"))
                .Select(p => (string?)p.Attribute("Name")).OfType<string>().ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var sets = document.Descendants().Where(e => e.Name.LocalName == "EntitySet")
            .Select(e => (string?)e.Attribute("Name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new OneCMetadata(types, sets);
    }

    public bool Publishes(string set) => _sets.Contains(set);

    /// <summary>Whether the type has the field; a type the metadata does not describe is taken to have every field.</summary>
    public bool Has(string type, string field) => !_types.TryGetValue(type, out var fields) || fields.Contains(field);

    public bool Describes(string type) => _types.ContainsKey(type);

    public IReadOnlyCollection<string> Fields(string type) => _types.TryGetValue(type, out var fields) ? fields : [];
}
