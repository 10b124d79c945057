using System.Numerics;
using DuckDB.NET.Data;

namespace CsKpi.Seed.Tests.Support;

/// <summary>Thin helpers over DuckDB.NET (no Dapper): run a statement, read a scalar, read rows.</summary>
public static class Db
{
    public static DuckDBConnection OpenInMemory()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    /// <summary>A SQL string literal.</summary>
    public static string Lit(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>A quoted SQL identifier.</summary>
    public static string Id(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static void Execute(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static T Scalar<T>(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        if (value is null or DBNull)
        {
            throw new InvalidOperationException($"The query returned no value (NULL): {sql}");
        }

        if (value is T typed)
        {
            return typed;
        }

        // SUM and COUNT of integers come back as HUGEINT (BigInteger), which Convert does not know.
        if (value is BigInteger big)
        {
            value = (decimal)big;
        }

        return (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static long Count(this DuckDBConnection connection, string sql) => connection.Scalar<long>(sql);

    public static double Double(this DuckDBConnection connection, string sql) => connection.Scalar<double>(sql);

    /// <summary>All rows, each as an array of values (DBNull becomes null).</summary>
    public static List<object?[]> Rows(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The names of the columns a query returns.</summary>
    public static List<string> ColumnNames(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM ({sql}) LIMIT 0";
        using var reader = command.ExecuteReader();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }

    /// <summary>Rows formatted one per line, for failure messages.</summary>
    public static string Show(IEnumerable<object?[]> rows, int max = 10) =>
        string.Join("\n", rows.Take(max).Select(r => string.Join(" | ", r.Select(v => v switch
        {
            null => "NULL",
            System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>()) + "]",
            _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        }))));
}
