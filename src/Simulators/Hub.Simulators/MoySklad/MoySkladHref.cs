namespace Hub.Simulators.MoySklad;

public static class MoySkladHref
{
    // Any host is accepted: a client may have stored hrefs against the production host name.
    public static bool TryParse(string? href, out string type, out Guid id)
    {
        type = "";
        id = Guid.Empty;
        if (string.IsNullOrWhiteSpace(href)) return false;
        var marker = href.IndexOf("/entity/", StringComparison.Ordinal);
        if (marker < 0) return false;
        var rest = href[(marker + "/entity/".Length)..];
        var query = rest.IndexOfAny(['?', '#']);
        if (query >= 0) rest = rest[..query];
        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !Guid.TryParse(parts[1], out id)) return false;
        type = parts[0];
        return true;
    }
}
