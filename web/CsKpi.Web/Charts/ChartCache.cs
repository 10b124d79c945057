using Dapper;
using DuckDB.NET.Data;
using Microsoft.Extensions.Caching.Memory;

namespace CsKpi.Web.Charts;

/// <summary>
/// Rendered charts, kept by their URL (page, handler, parameters, language) and the warehouse's data version: a
/// new load or recompute, or a settings or scorecard change, gives new keys, so a cached chart is never stale.
/// </summary>
public sealed class ChartCache(IMemoryCache memory)
{
    public static string DataVersion(DuckDBConnection connection) => connection.ExecuteScalar<string>("""
        select concat_ws('.',
            (select coalesce(max(file_id), 0) from etl.file_ledger),
            (select coalesce(max(run_id), 0) from etl.recompute_run),
            (select coalesce(epoch_ms(max(changed_at)), 0) from app.setting),
            (select coalesce(epoch_ms(max(changed_at)), 0) from app.scorecard_item))
        """) ?? "";

    public byte[] GetOrRender(string key, string dataVersion, Func<byte[]> render) =>
        memory.GetOrCreate($"chart|{dataVersion}|{key}", entry =>
        {
            var png = render();
            entry.Size = png.Length;
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return png;
        })!;
}
