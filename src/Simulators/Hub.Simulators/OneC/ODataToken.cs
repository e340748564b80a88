namespace Hub.Simulators.OneC;

public sealed record ODataToken(ODataTokenKind Kind, string Text, int Position);
