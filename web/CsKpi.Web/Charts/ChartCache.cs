using Dapper;
using DuckDB.NET.Data;
using CsKpi.Web.Site;
using Microsoft.Extensions.Caching.Memory;

namespace CsKpi.Web.Charts;

/// <summary>
/// Rendered charts, kept by their URL (page, handler, parameters, language), the viewer's whole scope and the
/// warehouse's data version: a new load or recompute, or a settings or scorecard change, gives new keys, so a cached
/// chart is never stale; and two viewers share a chart only when they may see exactly the same rows (two stores may
/// both have a team 售前一组, so the team alone says nothing).
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

    /// <summary>
    /// The key of a chart: its URL and language, who asks (role and the store, team and agent the account is held
    /// to) and the rows the page resolved for them (store, team, agent), so a URL copied from another viewer never
    /// finds their chart.
    /// </summary>
    public static string Key(string url, bool chinese, Viewer viewer, Scope scope) =>
        string.Join('|', url, chinese ? "zh" : "en", viewer.Role, viewer.Store, viewer.Team, viewer.AgentId, scope.Store, scope.Team, scope.Agent);

    /// <summary>Drawn once when several requests ask for the same chart at the same moment (<see cref="OneLoad"/>).</summary>
    public byte[] GetOrRender(string key, string dataVersion, Func<byte[]> render) =>
        OneLoad.Get(memory, $"chart|{dataVersion}|{key}", render, png => png.Length);
}
