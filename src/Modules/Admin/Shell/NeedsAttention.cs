namespace Hub.Admin.Shell;

/// <summary>
/// What an operator should act on: the runs with orders parked (a run that ended with failures is here while its orders
/// wait), the runs that failed in the last day, the plans waiting for a yes, and how many orders wait for a retry, each with
/// a link to act. Shown above the Runs list and on the dashboard, from the same reads.
/// </summary>
public static class NeedsAttention
{
    public static string Render(IReadOnlyList<ParkedRun> parked, IReadOnlyList<RunSummary> failed, int retrying, IReadOnlyList<RunSummary>? waiting = null)
    {
        var T = AdminText.T;
        // The resource gives the sentence; each value is encoded here, the run's link is built already encoded.
        string F(string key, params string[] safe) => string.Format(System.Globalization.CultureInfo.InvariantCulture, T(key), safe);
        string RunLink(Guid id) => $"<a href=\"/admin/runs/{id}\">{Html.E(id.ToString()[..8])}</a>";
        // In the reader's format (04.12.2026 12:00:00 in Russian), in the pages' zone, named.
        string When(DateTimeOffset? at) => at is { } t ? $"{Html.E(PageFormat.Seconds(t))} {Html.E(AdminClock.Label)}" : "";
        var items = new List<string>();
        foreach (var w in waiting ?? [])
            items.Add($"<li class=\"attention awaiting\" data-run=\"{w.Id}\">{F("Run {0} waits for a confirmation before it sends its orders.", RunLink(w.Id))}</li>");
        foreach (var p in parked)
            items.Add($"<li class=\"attention parked\" data-run=\"{p.RunId}\">{F("Run {0}: {1} order(s) parked, the last at {2}.", RunLink(p.RunId), Html.E(PageFormat.Number(p.Parked)), When(p.LastParkedAt))} " +
                      $"<a href=\"/admin/outbox?run_id={p.RunId}\">{Html.E(T("Replay or discard"))}</a></li>");
        foreach (var r in failed)
            items.Add($"<li class=\"attention failed\" data-run=\"{r.Id}\">{F("Run {0} failed at {1}: {2}", RunLink(r.Id), When(r.FinishedAt), Html.E(r.Error))}</li>");
        if (retrying > 0)
            items.Add($"<li class=\"attention retrying\">{F("{0} order(s) waiting for a retry.", Html.E(PageFormat.Number(retrying)))} <a href=\"/admin/outbox#pending\">{Html.E(T("Send now or cancel"))}</a></li>");
        return items.Count == 0
            ? $"<section id=\"needs-attention\" class=\"quiet\"><p class=\"muted\">{Html.E(T("Nothing needs attention: no order is parked or waiting for a retry, and no run failed in the last 24 hours."))}</p></section>"
            : $"<section id=\"needs-attention\" class=\"notice\"><h2>{Html.E(T("Needs attention"))}</h2><ul>{string.Concat(items)}</ul></section>";
    }
}
