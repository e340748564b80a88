namespace Hub.Simulators.OneC;

// One path segment such as Catalog_Склады(guid'…') or Balance(Period=…): a name and the raw text in parentheses.
public sealed record ODataSegment(string Name, string? Arguments);
