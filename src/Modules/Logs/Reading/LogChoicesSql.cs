namespace Hub.Logs.Reading;

/// <summary>
/// The distinct values of one indexed column by a skip scan: each step asks the column's index for the first value after
/// the last one found, so the cost is one index probe per distinct value, whatever the number of records. A plain
/// DISTINCT would read every row of a table of millions on each view of the Logs page.
/// </summary>
public static class LogChoicesSql
{
    private static readonly string[] Columns = ["external_system", "status", "step", "process_name"];

    public static string Distinct(string table, string column)
    {
        // Only the known column names reach the SQL text.
        if (!Columns.Contains(column)) throw new ArgumentOutOfRangeException(nameof(column), column, "not a column with an index of its own");
        return $"""
            with recursive v(x) as (
              (select {column} from {table} where {column} is not null order by {column} limit 1)
              union all
              select (select {column} from {table} where {column} > v.x order by {column} limit 1) from v where v.x is not null
            )
            select x from v where x is not null limit ?
            """;
    }
}
