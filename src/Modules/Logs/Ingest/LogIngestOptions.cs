namespace Hub.Logs.Ingest;

/// <summary>Settings of log ingestion (POST /api/v1/logs and the Seq endpoints), section "Logs:Ingest".</summary>
public sealed class LogIngestOptions
{
    /// <summary>
    /// The largest body accepted, in bytes; a larger one is answered 413 before it is read, so a client learns to send
    /// smaller batches instead of retrying a broken connection. Serilog's Seq sink sends ~1 MB at most by default.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How far back a record's ts may lie; older records would land in hours retention already pruned.</summary>
    public int MaxAgeDays { get; set; } = 400;

    /// <summary>How far ahead of the hub's clock a record's ts may lie (clock skew of the sender).</summary>
    public int MaxFutureMinutes { get; set; } = 24 * 60;

    /// <summary>What the Seq endpoints answer as MinimumLevelAccepted (Verbose, Debug, Information, Warning, Error, Fatal); null accepts all.</summary>
    public string? SeqMinimumLevel { get; set; }

    /// <summary>The same per API key name (Auth:Keys:n:Name), for one noisy application: Logs:Ingest:SeqMinimumLevelByKey:shop-api = Warning.</summary>
    public Dictionary<string, string> SeqMinimumLevelByKey { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The window a record's ts must fall in, the same for both endpoints.</summary>
    public (DateTimeOffset From, DateTimeOffset To) TsWindow(DateTimeOffset now) => (now.AddDays(-MaxAgeDays), now.AddMinutes(MaxFutureMinutes));
}
