namespace Hub.Simulators.OneC;

/// <summary>A query 1C parses but its query language refuses to run (an unlimited-length string compared with =): HTTP 500, code -1.</summary>
public sealed class ODataRefusedException(string message) : Exception(message);
