using CsKpi.Web.Charts;
using Microsoft.Extensions.Caching.Memory;

namespace CsKpi.Web.Site;

/// <summary>
/// The rows of repeated aggregates (a period's KPIs, the agents list, scorecards, rankings), kept in the site's one
/// bounded memory cache and keyed like the charts (<see cref="ChartCache"/>): the warehouse's data version, what was
/// asked (the query and its values) and the viewer's whole scope. A load, a recompute, a settings or scorecard change
/// gives new keys, so cached rows are never stale; and two viewers share rows only when they may see exactly the same
/// ones (the role, the store, team and agent the account is held to, and the store, team and agent the page
/// resolved). The trend charts of a page ask for the rows the page's tiles and the other charts asked for, so they
/// are read once.
/// </summary>
public sealed class QueryCache(IMemoryCache memory)
{
    /// <summary>What a cached row costs in the cache's size budget (bytes, roughly: a row of a dozen metrics).</summary>
    public const long RowBytes = 1024;

    public static string Key(string dataVersion, string what, Viewer viewer, Scope scope) =>
        string.Join('|', "rows", dataVersion, what, viewer.Role, viewer.Store, viewer.Team, viewer.AgentId, scope.Store, scope.Team, scope.Agent);

    /// <summary>The rows under <paramref name="key"/>, loaded on the first ask; the loaded list counts its rows against the bound.</summary>
    /// <summary>Loaded once when several requests ask at the same moment (<see cref="OneLoad"/>).</summary>
    public IReadOnlyList<T> Rows<T>(string key, Func<IReadOnlyList<T>> load) =>
        OneLoad.Get(memory, key, load, rows => Math.Max(1, rows.Count) * RowBytes);

    /// <summary>One value (a period's totals, or null when nothing was recorded).</summary>
    public T? One<T>(string key, Func<T?> load) where T : class =>
        Rows(key, () => load() is { } value ? [value] : Array.Empty<T>()).FirstOrDefault();
}
