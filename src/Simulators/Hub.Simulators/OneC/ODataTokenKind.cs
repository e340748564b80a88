namespace Hub.Simulators.OneC;

public enum ODataTokenKind
{
    Identifier,
    String,
    Guid,
    DateTime,
    Number,
    OpenParen,
    CloseParen,
    Comma,
    End,
}
