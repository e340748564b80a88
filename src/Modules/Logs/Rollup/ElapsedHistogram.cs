namespace Hub.Logs.Rollup;

/// <summary>
/// Log-spaced buckets of elapsed_ms for percentiles from rollups. Bucket b holds the values with
/// 1.1^b ≤ ms + 1 &lt; 1.1^(b+1); a percentile is reported as its bucket's geometric middle, so it is within
/// 5% of the exact value (exact below 10 ms, where a bucket holds one integer). ~220 buckets span 0 ms to
/// 11 days, and an hour of one process typically fills a dozen or two.
/// </summary>
public static class ElapsedHistogram
{
    public const double Base = 1.1;

    /// <summary>The bucket of an elapsed_ms SQL expression (the same formula as <see cref="BucketOf"/>).</summary>
    public static string BucketSql(string elapsedMs) => $"floor(ln(({elapsedMs})::float8 + 1) / ln({Base:0.0#}))::smallint";

    /// <summary>The value a bucket reports, as SQL over a bucket expression.</summary>
    public static string ValueSql(string bucket) => $"round(exp((({bucket}) + 0.5) * ln({Base:0.0#})) - 1)::bigint";

    public static int BucketOf(long elapsedMs) => (int)Math.Floor(Math.Log(elapsedMs + 1.0) / Math.Log(Base));

    public static long ValueOf(int bucket) => (long)Math.Round(Math.Exp((bucket + 0.5) * Math.Log(Base)) - 1);
}
