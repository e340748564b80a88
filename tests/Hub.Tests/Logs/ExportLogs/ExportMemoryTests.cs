using Hub.Tests.Infrastructure;

namespace Hub.Tests.Logs.ExportLogs;

public sealed class ExportMemoryFixture : HubFixture
{
    protected override string DatabaseName => "export_memory";
}

/// <summary>Alone, not beside other collections: the managed heap of the whole test process is what is measured.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExportMemoryCollection : ICollectionFixture<ExportMemoryFixture>
{
    public const string Name = "export-memory";
}

[Collection(ExportMemoryCollection.Name)]
public sealed class ExportMemoryTests(ExportMemoryFixture fixture) : IAsyncLifetime
{
    private const int Rows = 50_000;

    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_large_export_streams_every_row_while_the_heap_stays_flat()
    {
        await ExportSeed.BulkAsync(fixture.Store, Rows);
        using var client = fixture.Client(TestKeys.Viewer);
        var before = LiveHeap();

        using var response = await client.GetAsync("/api/v1/logs/export?format=csv", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        long bytes = 0, lines = 0, early = 0, late = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
        {
            bytes += n;
            var previous = lines;
            // Every record ends with CRLF; line breaks inside quoted cells are CRLF too only where a message has one (none here).
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            if (previous < Rows / 10 && lines >= Rows / 10) early = LiveHeap();
            if (previous < Rows * 9 / 10 && lines >= Rows * 9 / 10) late = LiveHeap();
        }

        Assert.Equal(Rows + 1, lines);
        // The file is far bigger than any growth allowed below: holding the rows, or a growing share of them, would show.
        Assert.True(bytes > 40 * Mb, $"export size {bytes / Mb} MB");
        Assert.True(early - before < 16 * Mb, $"heap grew {(early - before) / Mb} MB by 10% of the rows");
        Assert.True(late - before < 16 * Mb, $"heap grew {(late - before) / Mb} MB by 90% of the rows");
    }

    private const long Mb = 1024 * 1024;

    private static long LiveHeap() => GC.GetTotalMemory(forceFullCollection: true);
}
