using System.Globalization;
using System.Text;
using Hub.Admin.Shell;

namespace Hub.Admin.Stats;

/// <summary>One part of a bar: a value drawn in a CSS class (colour) and named in the bar's tooltip.</summary>
public sealed record ChartSegment(string CssClass, double Value, string Name);

/// <summary>One bucket of a chart; no segments draws nothing but keeps the bucket's place on the axis.</summary>
public sealed record ChartBar(string Label, string Tooltip, IReadOnlyList<ChartSegment> Segments)
{
    public double Total => Segments.Sum(s => s.Value);
}

/// <summary>
/// Bar charts as inline SVG, drawn on the server: no script, nothing to download, readable in any browser and in a
/// screenshot. Bars are stacked from their segments; the scale starts at zero and ends at a round number.
/// Every text (labels, tooltips) goes through <see cref="Html.E"/>.
/// </summary>
public static class StatsChart
{
    public const int Width = 480;
    public const int Height = 170;
    private const int Left = 46, Right = 6, Top = 10, Bottom = 24;

    /// <param name="wholeNumbers">Counts of things (runs): the scale's middle line must be a whole number too, so the top is made even.</param>
    public static string Svg(string title, string unit, IReadOnlyList<ChartBar> bars, int labelEvery, bool wholeNumbers = false)
    {
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var max = NiceCeiling(bars.Count == 0 ? 0 : bars.Max(b => b.Total));
        if (wholeNumbers) max = Math.Ceiling(max / 2) * 2;
        var slot = bars.Count == 0 ? plotWidth : (double)plotWidth / bars.Count;
        var barWidth = Math.Max(1, slot * 0.78);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.E(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append($"<title>{Html.E(title)}</title>");

        // Grid at zero, half and the top, labelled in the chart's unit; an empty chart says so instead of a scale of zeros.
        if (max == 0)
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"axis empty\" x=\"{Left + plotWidth / 2}\" y=\"{Top + plotHeight / 2}\" text-anchor=\"middle\">{Html.E(AdminText.T("none in this period"))}</text>");
        foreach (var fraction in max == 0 ? [0.0] : new[] { 0.0, 0.5, 1.0 })
        {
            var y = Top + plotHeight * (1 - fraction);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"axis\" x=\"{Left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Html.E(Number(max * fraction))}{(fraction == 1.0 ? Html.E(unit) : "")}</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var x = Left + slot * i + (slot - barWidth) / 2;
            var bottom = (double)Top + plotHeight;
            svg.Append($"<g class=\"bar\"><title>{Html.E(bar.Tooltip)}</title>");
            foreach (var segment in bar.Segments.Where(s => s.Value > 0))
            {
                var height = max == 0 ? 0 : plotHeight * segment.Value / max;
                bottom -= height;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"{Html.E(segment.CssClass)}\" x=\"{x:0.##}\" y=\"{bottom:0.##}\" width=\"{barWidth:0.##}\" height=\"{height:0.##}\"/>");
            }
            svg.Append("</g>");
            if (labelEvery > 0 && (i % labelEvery == 0))
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text class=\"axis\" x=\"{Left + slot * i + slot / 2:0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Html.E(bar.Label)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k at or above the value, so the scale reads as a round number.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0) return 0;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= value) return step * magnitude;
        return 10 * magnitude;
    }

    // The axis is narrow: large values are shortened the way the reader's language does ("12,5 тыс.", "12.5k").
    private static string Number(double value) => value switch
    {
        >= 1_000_000 => PageFormat.F("{0}M", PageFormat.Number(value / 1_000_000)),
        >= 10_000 => PageFormat.F("{0}k", PageFormat.Number(value / 1000)),
        _ => PageFormat.Number(value)
    };
}
