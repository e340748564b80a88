namespace Hub.Simulators.OneC;

public sealed class ODataSyntaxException(string message) : Exception(message);
