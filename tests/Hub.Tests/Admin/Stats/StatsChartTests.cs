using System.Globalization;
using System.Text.RegularExpressions;
using Hub.Admin.Stats;

namespace Hub.Tests.Admin.Stats;

/// <summary>The SVG charts without a host.</summary>
public sealed class StatsChartTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.4, 0.5)]
    [InlineData(1, 1)]
    [InlineData(7, 10)]
    [InlineData(19, 20)]
    [InlineData(21, 25)]
    [InlineData(26, 50)]
    [InlineData(1000, 1000)]
    [InlineData(1001, 2000)]
    public void the_scale_ends_at_a_round_number_at_or_above_the_largest_bar(double largest, double top) =>
        Assert.Equal(top, StatsChart.NiceCeiling(largest), 9);

    private static double[] Heights(string svg, string cssClass) =>
        Regex.Matches(svg, $"<rect class=\"{cssClass}\"[^>]* height=\"([0-9.]+)\"").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void bars_are_stacked_in_proportion_and_an_empty_bucket_keeps_its_place_without_a_rect()
    {
        var svg = StatsChart.Svg("volume", "", [
            new ChartBar("09:00", "nine", [new("succeeded", 30, "ok"), new("failed", 10, "failed")]),
            new ChartBar("10:00", "ten: no logs", []),
            new ChartBar("11:00", "eleven", [new("succeeded", 20, "ok")]),
        ], labelEvery: 1);

        Assert.Equal(3, Regex.Count(svg, "<g class=\"bar\">"));
        var succeeded = Heights(svg, "succeeded");
        var failed = Heights(svg, "failed");
        Assert.Equal(2, succeeded.Length);
        Assert.Single(failed);
        // 30 + 10 = 40 on a scale up to 50: the stack is twice the 20 bar, and its parts are three to one.
        Assert.Equal((succeeded[0] + failed[0]) / 2, succeeded[1], 1);
        Assert.Equal(3 * failed[0], succeeded[0], 1);
        Assert.Contains(">50</text>", svg);
        Assert.Contains(">25</text>", svg);
        Assert.Contains("<title>ten: no logs</title>", svg);
    }

    [Theory]
    [InlineData(1, ">2</text>", ">1</text>")]
    [InlineData(3, ">6</text>", ">3</text>")]
    [InlineData(7, ">10</text>", ">5</text>")]
    public void a_chart_of_whole_things_has_whole_numbers_on_its_scale(double largest, string top, string middle)
    {
        var svg = StatsChart.Svg("runs", "", [new ChartBar("a", "a", [new("succeeded", largest, "ok")])], 1, wholeNumbers: true);
        Assert.Contains(top, svg);
        Assert.Contains(middle, svg);
    }

    [Fact]
    public void titles_labels_and_classes_are_encoded()
    {
        var svg = StatsChart.Svg("<script>", " <ms>", [new ChartBar("<b>", "\"quoted\" & <i>", [new("x\"onclick=\"y", 1, "n")])], labelEvery: 1);
        Assert.DoesNotContain("<script>", svg);
        Assert.DoesNotContain("<b>", svg);
        Assert.DoesNotContain("<i>", svg);
        Assert.DoesNotContain("onclick=\"", svg);
        Assert.Contains("aria-label=\"&lt;script&gt;\"", svg);
        Assert.Contains("&quot;quoted&quot; &amp; &lt;i&gt;", svg);
    }

    [Theory]
    [InlineData("ru", "за этот период нет")]
    [InlineData("en", "none in this period")]
    public void a_chart_with_nothing_in_it_says_so_in_the_pages_language_and_draws_no_bar(string language, string text)
    {
        // The pages set the UI culture per request; here the test sets it, and puts the thread's back.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var svg = StatsChart.Svg("empty", "", [new ChartBar("a", "a", []), new ChartBar("b", "b", [new("failed", 0, "failed")])], 1);
            Assert.Empty(Heights(svg, "failed"));
            Assert.Contains(text, svg);
            Assert.Equal(1, Regex.Count(svg, "<line class=\"grid\""));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("ru", 25_000, ">25 тыс.</text>")]
    [InlineData("en", 25_000, ">25k</text>")]
    [InlineData("ru", 2_500, ">2\u00A0500</text>")]
    [InlineData("en", 2_500, ">2,500</text>")]
    public void the_scale_writes_numbers_as_the_pages_language_does(string language, double largest, string top)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var svg = StatsChart.Svg("n", "", [new ChartBar("a", "a", [new("succeeded", largest, "ok")])], 1);
            Assert.Contains(top, System.Net.WebUtility.HtmlDecode(svg));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
