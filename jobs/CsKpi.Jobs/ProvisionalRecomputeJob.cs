using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Jobs;

/// <summary>
/// The nightly recompute of the business days whose conversions are still provisional (延迟统计): payments keep
/// arriving for days after an inquiry, and a day matures only when its final window has passed.
/// </summary>
public static class ProvisionalRecomputeJob
{
    /// <summary>Null when no day is provisional.</summary>
    public static RecomputeReport? Run(WarehouseDatabase warehouse, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        (DateTime? From, DateTime? To) range;
        using (var connection = warehouse.OpenConnection())
        {
            range = connection.QuerySingle<(DateTime?, DateTime?)>("""
                select min(business_day)::timestamp, max(business_day)::timestamp
                from marts.kpi_store_daily
                where next_day_provisional or final_provisional
                """);
        }

        return range is ({ } from, { } to)
            ? MartRecompute.Full(warehouse, DateOnly.FromDateTime(from), DateOnly.FromDateTime(to), cancellation)
            : null;
    }
}
