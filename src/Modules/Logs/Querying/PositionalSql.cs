using System.Text;
using Npgsql;

namespace Hub.Logs.Querying;

/// <summary>
/// <see cref="LogFilter.ToSql"/> writes Marten's '?' placeholders; a plain Npgsql command, which streaming
/// reads need, takes $1, $2… This turns one into the other, so both paths share one filter.
/// </summary>
public static class PositionalSql
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IReadOnlyList<object> args)
    {
        var text = new StringBuilder(sql.Length + 16);
        var n = 0;
        foreach (var c in sql)
        {
            if (c == '?') text.Append('$').Append(++n);
            else text.Append(c);
        }
        if (n != args.Count) throw new ArgumentException($"the SQL has {n} placeholders for {args.Count} arguments", nameof(args));
        var command = new NpgsqlCommand(text.ToString(), connection);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        return command;
    }
}
