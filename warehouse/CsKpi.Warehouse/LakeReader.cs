using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>One store's month, summed over its agents' days in the lake.</summary>
public sealed record FirmStore(string StoreId, long Agents, long ReceivedBuyers, long InquiryBuyers, long InquiryPaidFinal,
    double SalesAmount, double? FinalConversion);

/// <summary>One agent's month in the lake.</summary>
public sealed record FirmAgent(string StoreId, string AgentId, string AgentName, string Team, long ReceivedBuyers, long InquiryBuyers,
    long InquiryPaidFinal, double SalesAmount, double? FinalConversion);

/// <summary>The firm-wide month: every store of every shard that wrote the lake.</summary>
/// <param name="Months">The months the lake holds, newest first.</param>
public sealed record FirmMonth(string? Month, IReadOnlyList<string> Months, IReadOnlyList<FirmStore> Stores, IReadOnlyList<FirmAgent> Agents);

/// <summary>
/// Reads the Parquet lake (<see cref="ParquetLake"/>) across every store of every shard, for the firm-wide page: an
/// in-memory DuckDB that may read the lake's folder and no other file, with a view per lake table. It never opens a
/// warehouse file, so it runs beside any number of shards' owners, on any server that mounts the lake.
/// </summary>
public static class LakeReader
{
    static LakeReader() => DapperMapping.Apply();

    /// <summary>
    /// An engine on the lake at <paramref name="root"/>: views <c>kpi_agent_daily</c>, … over every table some shard
    /// has written (none yet: no view), external access off but for the lake's folder, settings locked.
    /// </summary>
    public static DuckDBConnection Open(string root, int threads = 2, string memoryLimit = "1GiB")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        root = Path.GetFullPath(root);
        var connection = new DuckDBConnection($"Data Source=:memory:;threads={threads};memory_limit={memoryLimit}");
        try
        {
            connection.Open();
            var script = new System.Text.StringBuilder();
            foreach (var (table, read) in ParquetLake.Written(root))
            {
                script.AppendLine($"create view {table.Name} as select * from {read};");
            }

            script.AppendLine($"set allowed_directories = [{WarehouseDatabase.Literal(root.TrimEnd('/') + "/")}];");
            script.AppendLine("set enable_external_access = false; set lock_configuration = true;");
            connection.Execute(script.ToString());
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The firm-wide month <paramref name="month"/> (yyyy-mm; null: the newest the lake holds): each store, and the top
    /// <paramref name="top"/> agents by sales across all stores. Null when no shard has written the lake yet.
    /// </summary>
    public static FirmMonth? Month(string root, string? month, int top = 50)
    {
        using var connection = Open(root);
        if (connection.ExecuteScalar<long>("select count(*) from duckdb_views() where view_name = 'kpi_agent_daily' and not internal") == 0)
        {
            return null;
        }

        var months = connection.Query<string>(SqlScripts.Get("lake/firm_months.sql")).ToList();
        var chosen = month is not null && months.Contains(month, StringComparer.Ordinal) ? month : months.FirstOrDefault();
        if (chosen is null)
        {
            return new FirmMonth(null, months, [], []);
        }

        var (stores, agents) = Firm(connection, chosen, top);
        return new FirmMonth(chosen, months, stores, agents);
    }

    /// <summary>
    /// The firm-wide page's two tables of <paramref name="month"/> (sql/lake/firm_stores.sql, firm_agents.sql) on a
    /// connection with a view <c>kpi_agent_daily</c> that has the lake's <c>month</c> column: the lake's, or (the
    /// benchmark's comparison) one DuckDB file's marts.
    /// </summary>
    public static (List<FirmStore> Stores, List<FirmAgent> Agents) Firm(DuckDBConnection connection, string month, int top = 50)
    {
        // The registry's ratio (marts.ratio, as the marts compute every ratio) and the month's sums of both levels,
        // computed once into a temp table both tables read (the macro called by each would scan and sum the month twice).
        connection.Execute($"create schema if not exists marts;\n{SqlScripts.Get("macros/marts.ratio.sql")}\n{SqlScripts.Get("lake/firm_month.sql")}");
        connection.Execute("create or replace temp table firm_month_rows as from firm_month($month)", new { month });
        return (connection.Query<FirmStore>(SqlScripts.Get("lake/firm_stores.sql")).ToList(),
            connection.Query<FirmAgent>(SqlScripts.Get("lake/firm_agents.sql"), new { top = (long)top }).ToList());
    }
}
