using System.Security;
using System.Text;

namespace Hub.Simulators.OneC;

// $metadata in the shape the platform writes it (EDMX 1.0, data services 3.0, namespace StandardODATA): one EntityType
// per published object, its tabular sections as collections of a "<Set>_<Section>_RowType" complex type, and only the
// objects the base has published, so a client can learn the base's fields before it sends a body.
public static class ODataMetadata
{
    public static string Document(IEnumerable<OneCEntity> published)
    {
        var entities = published.ToList();
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.Append("<edmx:Edmx xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\" Version=\"1.0\">");
        xml.Append("<edmx:DataServices xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\" m:DataServiceVersion=\"3.0\">");
        xml.Append("<Schema xmlns=\"http://schemas.microsoft.com/ado/2009/11/edm\" Namespace=\"StandardODATA\">");
        foreach (var entity in entities)
        {
            xml.Append($"<EntityType Name=\"{E(entity.Set)}\">");
            if (entity.Key.Count > 0)
            {
                xml.Append("<Key>");
                foreach (var key in entity.Key) xml.Append($"<PropertyRef Name=\"{E(key)}\"/>");
                xml.Append("</Key>");
            }

            foreach (var field in entity.Fields) Property(xml, field);
            foreach (var section in entity.Sections.Keys)
                xml.Append($"<Property Name=\"{E(section)}\" Type=\"Collection(StandardODATA.{E(entity.Set)}_{E(section)}_RowType)\" Nullable=\"false\"/>");
            xml.Append("</EntityType>");
            foreach (var (section, fields) in entity.Sections)
            {
                xml.Append($"<ComplexType Name=\"{E(entity.Set)}_{E(section)}_RowType\">");
                foreach (var field in fields) Property(xml, field);
                xml.Append("</ComplexType>");
            }
        }

        xml.Append("<EntityContainer Name=\"InfoBase\" m:IsDefaultEntityContainer=\"true\">");
        foreach (var entity in entities)
        {
            // The Balance virtual table is reached through its register's set, as in a real base.
            var set = entity.Set.EndsWith("_Balance", StringComparison.Ordinal) ? entity.Set[..^"_Balance".Length] : entity.Set;
            xml.Append($"<EntitySet Name=\"{E(set)}\" EntityType=\"StandardODATA.{E(entity.Set)}\"/>");
        }

        xml.Append("</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>");
        return xml.ToString();
    }

    private static void Property(StringBuilder xml, OneCField field) =>
        xml.Append($"<Property Name=\"{E(field.Name)}\" Type=\"{field.Type}\" Nullable=\"true\"/>");

    private static string E(string text) => SecurityElement.Escape(text);
}
