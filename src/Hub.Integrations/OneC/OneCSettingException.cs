namespace Hub.Integrations.OneC;

/// <summary>
/// A setting the 1C base cannot resolve (no organization of that name, several priorities and none chosen): nothing
/// can be sent until someone sets it, so a run stops before it sends anything, with this one message naming it.
/// </summary>
public sealed class OneCSettingException(string setting, string message) : Exception($"{message} (set {setting})")
{
    public string Setting { get; } = setting;
}
