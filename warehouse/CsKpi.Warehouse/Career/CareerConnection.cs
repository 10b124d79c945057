using System.Globalization;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Career;

/// <summary>Where every career query gets its connection, so the one Dapper setting they rely on is in place.</summary>
internal static class CareerConnection
{
    /// <summary>
    /// Columns are snake_case in SQL and properties PascalCase in C#: Dapper matches agent_id to AgentId, so the career
    /// queries select the columns the tables and macros name instead of aliasing each one.
    /// </summary>
    static CareerConnection() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    public static DuckDBConnection Open(WarehouseDatabase warehouse)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        return warehouse.OpenConnection();
    }

    /// <summary>A day as DuckDB reads it in <c>cast($day as date)</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
