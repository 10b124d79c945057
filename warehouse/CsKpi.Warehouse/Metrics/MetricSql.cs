using System.Text.RegularExpressions;

namespace CsKpi.Warehouse.Metrics;

/// <summary>
/// Turns the metric registry into the SQL the rollups are built from. A model or macro under <c>sql/</c> is a
/// template: each placeholder <c>/*{kind:level}*/</c> becomes the registry's list for that level, so adding a sum
/// metric adds its column to every rollup, and a ratio is written once (numerator and denominator) for every level.
/// </summary>
/// <remarks>
/// Placeholders (level is agent, team or store):
/// <list type="bullet">
/// <item><c>sums:level</c> — <c>sum(x) as x</c> for every sum of the level: the daily rollup of the level below.</item>
/// <item><c>period_sums:level</c> — the same over a period's days, integer sums cast to bigint (DuckDB sums
/// integers as HUGEINT, which most clients cannot read).</item>
/// <item><c>filled:level</c> — every sum of a level's row as its lower levels gave it (empty where none of them
/// knew it: an agent report that does not carry the metric), and 0 on a row its lower levels did not reach (the
/// query's <c>has_lower_rows</c> is not true; an empty-when-none sum stays empty there too); a sum of the level
/// itself (a store-only sum) is 0 when none.</item>
/// <item><c>daily_else_report:agent</c> — <c>coalesce(d.x, r.x) as x</c> for every sum: an agent-month's daily
/// rows' sum (<c>d</c>), else its whole-month agent report's (<c>r</c>; issue 16).</item>
/// <item><c>report_supplement:level</c> — per sum of the level that agents have, the sum of the whole-month agent
/// report values (<c>r</c>) whose agent-month's daily sums (<c>d</c>) lack it; <c>with_supplement:level</c> — the
/// level's daily sum (<c>s</c>) plus that (<c>u</c>), empty only when both are (issue 16).</item>
/// <item><c>ratios:level</c> — <c>marts.ratio(numerator, denominator) as x</c> for every ratio.</item>
/// <item><c>columns:level</c> — every metric of the level in registry order: sums by name, ratios computed.</item>
/// <item><c>ranked:agent</c> — the metrics rankings and scorecards offer, for an unpivot list.</item>
/// <item><c>lower_is_better:agent</c> / <c>sum_metrics:agent</c> — those of them ranked lower-is-better / that are
/// sums, as a quoted list for <c>metric in (…)</c>.</item>
/// <item><c>provisional:agent</c> — whether a long row's value (<c>metric</c>, <c>value</c>) is provisional: the
/// period's flag column the registry names for that metric (延迟统计), false for a metric without one.</item>
/// <item><c>formats:level</c> — <c>('code', 'format', position, reports_only)</c> rows of every metric of the level, for a
/// <c>values</c> list: what a macro needs of the registry when <c>core.metric</c> does not exist yet (the macros are
/// created before it).</item>
/// </list>
/// </remarks>
public static partial class MetricSql
{
    private static readonly string[] Levels = ["agent", "team", "store"];

    /// <summary>Replaces every placeholder of <paramref name="template"/>; a text without any is returned as it is.</summary>
    /// <exception cref="InvalidDataException">A placeholder names an unknown kind or level.</exception>
    public static string Expand(string template, MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(registry);
        if (!template.Contains("/*{", StringComparison.Ordinal))
        {
            return template;
        }

        return Placeholder().Replace(template, match => Fragment(registry, match.Groups["kind"].Value, match.Groups["level"].Value));
    }

    /// <summary>The SQL one placeholder stands for.</summary>
    public static string Fragment(MetricRegistry registry, string kind, string level)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!Levels.Contains(level))
        {
            throw new InvalidDataException($"Metric placeholder '{kind}:{level}': the level is not one of {string.Join(", ", Levels)}.");
        }

        var metrics = registry.At(level).ToList();
        var sums = metrics.Where(m => m.IsSum).ToList();
        var ratios = metrics.Where(m => m.IsRatio).ToList();
        var ranked = metrics.Where(m => m.Scorecard).ToList();
        return kind switch
        {
            // A store-only sum comes from the store model itself, not from the rows of the level below.
            "sums" => List(sums.Where(m => level == "agent" || m.At(Below(level))).Select(m => $"sum({m.Code}) as {m.Code}")),
            "period_sums" => List(sums.Select(m => $"{PeriodSum(m)} as {m.Code}")),
            "filled" => List(sums.Select(m => m.EmptyWhenNone ? m.Code
                : m.At(Below(level)) ? $"case when has_lower_rows then {m.Code} else coalesce({m.Code}, 0) end as {m.Code}"
                : $"coalesce({m.Code}, 0) as {m.Code}")),
            // of a level's sums those its agents have: the whole-month report values their daily rows lack, and the level's
            // daily sum (s) plus them (u), empty only when both are
            "report_supplement" => List(sums.Where(m => m.At("agent")).Select(m => $"{PeriodSum(m, $"case when d.{m.Code} is null then r.{m.Code} end")} as {m.Code}")),
            "with_supplement" => List(sums.Select(m => m.At("agent")
                ? $"case when s.{m.Code} is null and u.{m.Code} is null then null else coalesce(s.{m.Code}, 0) + coalesce(u.{m.Code}, 0) end as {m.Code}"
                : $"s.{m.Code}")),
"daily_else_report" => List(sums.Select(m => $"coalesce(d.{m.Code}, r.{m.Code}) as {m.Code}")),
            "ratios" => List(ratios.Select(Ratio)),
            "columns" => List(metrics.Select(m => m.IsRatio ? Ratio(m) : m.Code)),
            "ranked" => List(ranked.Select(m => m.Code)),
            "lower_is_better" => Quoted(ranked.Where(m => m.LowerIsBetter)),
            "sum_metrics" => Quoted(ranked.Where(m => m.IsSum)),
            "provisional" => ProvisionalFlag(ranked),
            "formats" => List(metrics.Select((m, position) => $"('{m.Code}', '{m.Format}', {position}, {(m.ReportsOnly ? "true" : "false")})")),
            _ => throw new InvalidDataException($"Metric placeholder '{kind}:{level}': unknown kind '{kind}'."),
        };
    }

    /// <summary><c>marts.ratio(numerator, denominator) as code</c>: empty when the denominator is 0 or empty.</summary>
    public static string Ratio(Metric metric) =>
        $"marts.ratio({metric.Numerator}, {metric.Denominator}) as {metric.Code}";

    /// <summary>The column type a metric is stored as: a sum's own type, a ratio a double.</summary>
    public static string ColumnType(Metric metric) => metric.Type is { } type ? Sql(type) : "double";

    private static string PeriodSum(Metric metric) => PeriodSum(metric, metric.Code);

    private static string PeriodSum(Metric metric, string expression) =>
        Sql(metric.Type!) == "integer" ? $"sum({expression})::bigint" : $"sum({expression})";

    private static string Sql(string type) => type.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string Below(string level) => level == "store" ? "team" : "agent";

    private static string List(IEnumerable<string> items) => string.Join(",\n    ", items);

    private static string ProvisionalFlag(IEnumerable<Metric> metrics)
    {
        var flagged = metrics.Where(m => m.Provisional is not null).Select(m => $"when metric = '{m.Code}' then {m.Provisional}").ToList();
        return flagged.Count == 0 ? "false" : $"case {string.Join(" ", flagged)} else false end";
    }

    private static string Quoted(IEnumerable<Metric> metrics) => string.Join(", ", metrics.Select(m => $"'{m.Code}'"));

    [GeneratedRegex(@"/\*\{(?<kind>[a-z_]+):(?<level>[a-z]+)\}\*/")]
    private static partial Regex Placeholder();
}
