namespace Hub.Integrations.MoySklad;

/// <summary>Section "MoySklad". A solution token is preferred: a login/password request costs more of the rate bucket.</summary>
public sealed class MoySkladOptions
{
    public string BaseUrl { get; set; } = "https://api.moysklad.ru/api/remap/1.2";
    public string? Token { get; set; }
    public string? Login { get; set; }
    public string? Password { get; set; }
    /// <summary>The organization, counterparty and store every customer order names; checked at start.</summary>
    public string OrganizationName { get; set; } = "";
    public string CounterpartyName { get; set; } = "";
    public string StoreName { get; set; } = "";
    /// <summary>МойСклад may take up to 300 s to answer; a short timeout plus a blind retry is how duplicates happen.</summary>
    public int TimeoutSeconds { get; set; } = 300;
    public int BucketUnits { get; set; } = 45;
    public double WindowSeconds { get; set; } = 3;
    /// <summary>Added to the window on our side, so jitter between our clock and theirs never tips a window over.</summary>
    public int WindowMarginMs { get; set; } = 150;
    public int MaxParallel { get; set; } = 5;
    /// <summary>Retries of idempotent reads inside the client; creates are retried by the outbox with their syncId.</summary>
    public int ReadRetries { get; set; } = 3;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token) || (!string.IsNullOrWhiteSpace(Login) && !string.IsNullOrWhiteSpace(Password));

    /// <summary>Units a plain request costs: 1 with a token; with a user's login/password the cost rises by date (МойСклад's 2026 schedule).</summary>
    public int RequestCost(DateTimeOffset now) => !string.IsNullOrWhiteSpace(Token)
        ? 1
        : now < new DateTimeOffset(2026, 5, 12, 0, 0, 0, TimeSpan.FromHours(3)) ? 1
        : now < new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.FromHours(3)) ? 2
        : now < new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(3)) ? 3 : 4;

    public const int StockReportCost = 5;
}
