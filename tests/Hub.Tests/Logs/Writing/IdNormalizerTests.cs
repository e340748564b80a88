using Hub.Logs.Writing;

namespace Hub.Tests.Logs.Writing;

public sealed class IdNormalizerTests
{
    private static readonly Guid Expected = Guid.Parse("abcdef01-2345-6789-abcd-ef0123456789");

    [Theory]
    [InlineData("abcdef01-2345-6789-abcd-ef0123456789")]
    [InlineData("ABCDEF01-2345-6789-ABCD-EF0123456789")]
    [InlineData("{abcdef01-2345-6789-abcd-ef0123456789}")]
    [InlineData("(abcdef01-2345-6789-abcd-ef0123456789)")]
    [InlineData("abcdef0123456789abcdef0123456789")]
    [InlineData("  urn:uuid:abcdef01-2345-6789-abcd-ef0123456789 ")]
    public void usual_spellings_parse(string raw)
    {
        Assert.True(IdNormalizer.TryNormalize(raw, out var id));
        Assert.Equal(Expected, id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void empty_values_are_null_and_not_reported_as_dropped(string? raw)
    {
        Assert.True(IdNormalizer.TryNormalize(raw, out var id));
        Assert.Null(id);
    }

    [Theory]
    [InlineData("lead-42")]
    [InlineData("12345")]
    [InlineData("abcdef01-2345-6789-abcd-ef012345678")]
    public void anything_else_is_dropped(string raw)
    {
        Assert.False(IdNormalizer.TryNormalize(raw, out var id));
        Assert.Null(id);
    }
}
