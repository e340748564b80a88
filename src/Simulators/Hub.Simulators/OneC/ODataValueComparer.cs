namespace Hub.Simulators.OneC;

public sealed class ODataValueComparer : IComparer<object?>
{
    public static ODataValueComparer Instance { get; } = new();

    // Nulls sort first, as 1C puts empty values first.
    public int Compare(object? x, object? y)
    {
        if (x is null) return y is null ? 0 : -1;
        if (y is null) return 1;
        return ODataValues.Compare(x, y) ?? 0;
    }
}
