using CsKpi.Web.Charts;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace CsKpi.Web.Site;

/// <summary>
/// What every page of the site shares: the request's one warehouse connection, who is looking, the period of the
/// picker and the store and team filters (held to what the viewer may see), and the chart and download responses.
/// The page's own queries and rows stay in its own <c>.cshtml.cs</c>.
/// </summary>
public abstract class SitePage(DuckDBConnection db) : PageModel
{
    private Viewer? viewer;
    private DateOnly? lastDay;
    private DateOnly? today;
    private Period? period;
    private Scope? scope;
    private SiteMetrics? metrics;
    private string? dataVersion;
    private readonly Dictionary<DateOnly, DateOnly> maturity = [];

    protected DuckDBConnection Db => db;

    public Viewer Viewer => viewer ??= Viewer.From(User);

    /// <summary>The metric registry: names, formats, directions and the page lists of metrics.</summary>
    public SiteMetrics Metrics => metrics ??= HttpContext.RequestServices.GetRequiredService<SiteMetrics>();

    /// <summary>Today in the stores' time zone, from the site's <see cref="TimeProvider"/> (a test pins it).</summary>
    public DateOnly Today => today ??= HttpContext.RequestServices.GetRequiredService<TimeProvider>().StoreToday();

    /// <summary>The last business day with numbers: yesterday, or the newest day loaded when that is earlier.</summary>
    public DateOnly LastDay => lastDay ??= LastDayOf(db, Today);

    public Period Period => period ??= Period.Parse(Request.Query, LastDay);

    public Scope Scope => scope ??= Scope.Resolve(db, Viewer, Blank(Request.Query["store"]), Blank(Request.Query["team"]));

    public bool HasData => db.ExecuteScalar<long>("select count(*) from (select 1 from marts.kpi_store_daily limit 1)") > 0;

    /// <summary>The page's own choices (a metric, a scope) that the period picker and the links keep.</summary>
    public virtual IEnumerable<KeyValuePair<string, string?>> Keep => [];

    /// <summary>This page's URL with the period, the filters and more values: chart images, downloads, links.</summary>
    public string Link(string? handler = null, params (string Key, string? Value)[] more)
    {
        var given = more.Select(m => m.Key).ToHashSet();
        var values = Period.Query().Concat(Scope.Query()).Concat(Keep.Where(k => !given.Contains(k.Key)))
            .Concat(more.Select(m => new KeyValuePair<string, string?>(m.Key, m.Value)));
        if (handler is not null)
        {
            values = values.Append(new("handler", handler));
        }

        if (handler == "Chart")
        {
            // The language is drawn into the image: a URL per language, or the browser's cache shows the other one.
            values = values.Append(new("lang", System.Globalization.CultureInfo.CurrentUICulture.Name));
        }

        return QueryHelpers.AddQueryString(Request.Path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private readonly Dictionary<string, Pager> pagers = [];

    /// <summary>The pager of the page's long list (query parameter <c>page</c>; a second list on a page has its own parameter).</summary>
    /// <param name="anchor">the list's id, for a list low on its page: each link opens the page at the list, and the
    /// pager is named <c>{parameter}-pager</c>.</param>
    public PagerLinks Pages(string parameter = Pager.DefaultParameter, string? anchor = null)
    {
        var pager = pagers.GetValueOrDefault(parameter) ?? new Pager(1, PageSize, 0, parameter);
        return anchor is null
            ? new PagerLinks(pager, number => PageLink(pager, number))
            : new PagerLinks(pager, number => PageLink(pager, number) + "#" + anchor, parameter + "-pager");
    }

    /// <summary>Rows per page (<see cref="ListOptions"/>).</summary>
    public int PageSize => HttpContext.RequestServices.Value<ListOptions>().PageSize;

    /// <summary>The request's page of rows (the page renders only these); the list's other pages are links.</summary>
    protected IReadOnlyList<T> Paged<T>(IReadOnlyList<T> rows, string parameter = Pager.DefaultParameter)
    {
        var pager = pagers[parameter] = Pager.Of(Request.Query[parameter], PageSize, rows.Count, parameter);
        return rows.Skip(pager.Offset).Take(pager.Size).ToList();
    }

    /// <summary>The request's page of a list the database pages itself (<c>limit</c>/<c>offset</c>), from how many rows it
    /// holds in all; <paramref name="whole"/> (a download) asks for the first page, the caller then reading every row.</summary>
    protected Pager Paging(string parameter, long total, int size, bool whole = false) =>
        pagers[parameter] = Pager.Of(whole ? null : (string?)Request.Query[parameter], size, total, parameter);

    /// <summary>This page's URL on page <paramref name="number"/> of a list: the period, filters, choices and the other lists' pages kept.</summary>
    private string PageLink(Pager pager, int number) =>
        Link(null, [.. pagers.Values.Where(p => p.Parameter != pager.Parameter && p.Number > 1)
                .Select(p => (p.Parameter, (string?)p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (pager.Parameter, number == 1 ? null : number.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>An agent's page for the same period.</summary>
    public string AgentLink(string agentId) => Period.With("/agents/" + Uri.EscapeDataString(agentId));

    /// <summary>The warehouse's data version (loads, recomputes, settings and scorecard changes), read once per request.</summary>
    public string DataVersion => dataVersion ??= ChartCache.DataVersion(db);

    /// <summary>
    /// Rows of a repeated aggregate from the site's cache (<see cref="QueryCache"/>): <paramref name="what"/> names the
    /// query and its values; the data version and the viewer's scope (or the narrower <paramref name="scope"/> the
    /// page queried, e.g. one agent's) complete the key.
    /// </summary>
    protected IReadOnlyList<T> Cached<T>(string what, Func<IReadOnlyList<T>> load, Scope? scope = null) =>
        HttpContext.RequestServices.GetRequiredService<QueryCache>().Rows(QueryCache.Key(DataVersion, what, Viewer, scope ?? Scope), load);

    /// <summary>The rows of <see cref="Kpis.Query"/>, from the cache: the tiles, the trend charts and the reports share them.</summary>
    protected IReadOnlyList<KpiTotals> KpiRows(string grain, DateOnly from, DateOnly to, Scope? scope = null, string? agent = null) =>
        Cached($"kpis|{grain}|{Period.Iso(from)}|{Period.Iso(to)}|{agent}", () => Kpis.Query(db, Metrics.Registry, scope ?? Scope, grain, from, to, agent), scope);

    /// <summary>The whole of [from, to] as one row (<see cref="Kpis.Totals"/>), from the cache; null when nothing was recorded.</summary>
    protected KpiTotals? KpiTotalsOf(DateOnly from, DateOnly to, Scope? scope = null, string? agent = null) =>
        KpiRows("range", from, to, scope, agent).SingleOrDefault();

    /// <summary>The chart, from the cache when the same URL was drawn for the same data and the same scope.</summary>
    protected FileContentResult Png(Func<ChartFonts, bool, byte[]> render)
    {
        var fonts = HttpContext.RequestServices.GetRequiredService<ChartFonts>();
        var cache = HttpContext.RequestServices.GetRequiredService<ChartCache>();
        var key = ChartCache.Key($"{Request.Path}{Request.QueryString}", Lang.IsChinese, Viewer, Scope);
        var png = cache.GetOrRender(key, DataVersion, () => render(fonts, Lang.IsChinese));
        Response.Headers.CacheControl = "private, max-age=300";
        return File(png, "image/png");
    }

    /// <summary>CSV unless <c>format=xlsx</c>.</summary>
    protected static IActionResult Download(ExportTable table, string? format) => Export.File(table, format ?? "csv");

    /// <summary>
    /// The day a period's final conversion stops being provisional (延迟统计): its last day plus the store's
    /// final_payment_days, once that day's data is loaded.
    /// </summary>
    /// Asked once per provisional row of a table, so it is answered once per day.
    public DateOnly MaturesOn(DateOnly to)
    {
        if (!maturity.TryGetValue(to, out var day))
        {
            maturity[to] = day = to.AddDays(db.ExecuteScalar<int?>("""
                select final_payment_days from core.store_day_setting
                where store_id = $store and business_day <= $to order by business_day desc limit 1
                """, new { store = Scope.Store, to }) ?? 3);
        }

        return day;
    }

    public static DateOnly LastDayOf(DuckDBConnection connection, DateOnly today)
    {
        var yesterday = today.AddDays(-1);
        var newest = connection.ExecuteScalar<DateOnly?>("select max(business_day) from marts.kpi_store_daily");
        return newest is { } day && day < yesterday ? day : yesterday;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
