using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Hub.Contracts.Paging;

/// <summary>The opaque keyset position of a page: the (time, id) of its last row. Every list in the hub pages by one.</summary>
public readonly record struct KeysetCursor(DateTimeOffset Ts, Guid Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{Ts.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{Id:N}"));

    /// <summary>The position a request's <c>next</c> names, or null for the first page (validators have refused a bad one already).</summary>
    public static KeysetCursor? After(string? next) => TryDecode(next, out var cursor) ? cursor : null;

    public static bool TryDecode(string? text, out KeysetCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            var raw = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text));
            var parts = raw.Split('.');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !Guid.TryParseExact(parts[1], "N", out var id))
                return false;
            cursor = new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
