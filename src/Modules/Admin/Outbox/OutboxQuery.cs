using Hub.Admin.Shell;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Outbox;

/// <summary>The Outbox filter as it lives in the URL (and in the hidden fields of "all matching" forms).</summary>
public sealed record OutboxQuery(string? System, string? ExceptionType, string? RunId, string? From, string? To)
{
    private static readonly string[] Names = ["system", "exception_type", "run_id", "from", "to"];

    public static OutboxQuery Parse(Func<string, string?> value) =>
        new(value("system"), value("exception_type"), value("run_id"), value("from"), value("to"));

    public static OutboxQuery Parse(IQueryCollection q) => Parse(n => q[n].ToString() is { Length: > 0 } v ? v.Trim() : null);
    public static OutboxQuery Parse(IFormCollection f) => Parse(n => f[n].ToString() is { Length: > 0 } v ? v.Trim() : null);

    public bool IsEmpty => Values().All(v => v.Value is null);

    private IEnumerable<(string Name, string? Value)> Values() => Names.Zip([System, ExceptionType, RunId, From, To]);

    public string HiddenFields() => string.Concat(Values().Where(v => v.Value is not null)
        .Select(v => $"<input type=\"hidden\" name=\"{v.Name}\" value=\"{Html.E(v.Value)}\">"));

    public string ToQueryString() => Html.QueryString(Values());

    /// <summary>The Outbox's query, through the API's own validation rules; errors in words.</summary>
    public (ParkedOrderQuery? Filter, IReadOnlyList<string> Errors) ToFilter(IOutbox outbox, IReadOnlyList<Guid>? ids = null)
    {
        var errors = new List<string>();
        DateTimeOffset? Time(string? text, string name)
        {
            if (text is null) return null;
            if (AdminClock.TryParse(text, out var t)) return t;
            errors.Add(string.Format(global::System.Globalization.CultureInfo.InvariantCulture,
                AdminText.T("{0} is not a date and time (use e.g. 2026-11-23 09:00, read as {1}, or 2026-11-23T06:00Z)"), name, AdminClock.Label));
            return null;
        }
        Guid? run = null;
        if (RunId is not null)
        {
            if (Guid.TryParse(RunId, out var r)) run = r;
            else errors.Add(AdminText.T("run_id is not a UUID"));
        }
        var request = new ParkedOrderQuery(System, ExceptionType, Time(From, "from"), Time(To, "to"), run, ids);
        errors.AddRange(outbox.Check(request));
        return errors.Count > 0 ? (null, errors) : (request, errors);
    }
}
