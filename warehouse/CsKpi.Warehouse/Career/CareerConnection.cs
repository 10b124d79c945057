using System.Globalization;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Career;

/// <summary>Where every career query gets its connection (the warehouse maps snake_case columns, see DapperMapping).</summary>
internal static class CareerConnection
{
    public static DuckDBConnection Open(WarehouseDatabase warehouse)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        return warehouse.OpenConnection();
    }

    /// <summary>A day as DuckDB reads it in <c>cast($day as date)</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
