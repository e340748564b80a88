namespace Hub.Simulators.OneC;

public sealed class ODataFieldException(string field) : Exception($"Поле '{field}' не найдено")
{
    public string Field { get; } = field;
}
