using System.Text;

namespace CsKpi.Warehouse.Metrics;

/// <summary>
/// docs/metrics.md's list of metrics, written from the registry in both languages, so the documentation cannot drift
/// from the code. The file's hand-written prose stays as it is: only the part between <see cref="Begin"/> and
/// <see cref="End"/> is generated (a test fails when it differs; <c>CSKPI_WRITE_METRICS_DOC=1</c> rewrites it).
/// </summary>
public static class MetricDocs
{
    public const string Begin = "<!-- metrics: generated from warehouse/CsKpi.Warehouse/metrics/metrics.yml by MetricDocs; edit the registry, not this part -->";
    public const string End = "<!-- metrics: end of the generated part -->";

    /// <summary><paramref name="document"/> with its generated part replaced (appended when it has none).</summary>
    public static string Update(string document, MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(document);
        var generated = Begin + "\n" + Render(registry) + End;
        var start = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return document.TrimEnd('\n') + "\n\n" + generated + "\n";
        }

        return document[..start] + generated + document[(end + End.Length)..];
    }

    /// <summary>The generated part: a summary table, then each metric's names, definitions, formula and unit.</summary>
    public static string Render(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var text = new StringBuilder();
        text.Append("| code | 中文 | English | 计算 formula | 单位 unit | 方向 better | 层级 levels | 考核 scorecard |\n");
        text.Append("|---|---|---|---|---|---|---|---|\n");
        foreach (var m in registry.All)
        {
            text.Append($"| [`{m.Code}`](#{m.Code}) | {m.Zh} | {m.En} | {Formula(m)} | {Unit(m)} | {Direction(m)} | {string.Join(", ", m.Levels)} | {(m.Scorecard ? "✓" : "")} |\n");
        }

        foreach (var m in registry.All)
        {
            text.Append('\n');
            text.Append($"### {m.Code}\n");
            text.Append($"**{m.Zh}** · {m.En}\n\n");
            text.Append($"- 定义：{m.DefinitionZh}\n");
            text.Append($"- Definition: {m.DefinitionEn}\n");
            text.Append($"- 计算 / formula: {(m.IsRatio ? $"比率 ratio `{m.Numerator}` / `{m.Denominator}`, 分母为 0 时为空 (empty when the denominator is 0)" : $"求和 sum, stored as `{m.Type}`{(m.EmptyWhenNone ? ", 均未知时为空 (empty, not 0, when nothing is known)" : "")}")}\n");
            text.Append($"- 单位 / unit: {Unit(m)}; 方向 / better: {Direction(m)}; 层级 / levels: {string.Join(", ", m.Levels)}"
                + $"{(m.Scorecard ? "; 可排名和考核 / can be ranked and a scorecard item" : "")}{(m.Shown ? "" : "; 页面不单独显示 / not offered on its own by pages")}\n");
            if (!m.Platforms.SequenceEqual(["all"]))
            {
                text.Append($"- 平台 / platforms: {string.Join(", ", m.Platforms)}\n");
            }

            if (m.Source is { Length: > 0 } source)
            {
                text.Append($"- 来源 / source: {source}\n");
            }
        }

        return text.ToString();
    }

    private static string Formula(Metric m) => m.IsRatio ? $"`{m.Numerator}` / `{m.Denominator}`" : $"sum · `{m.Type}`";

    private static string Unit(Metric m) => m.Format switch
    {
        "count" => "人数/个数 count",
        "percent" => "百分比 percent",
        "seconds" => "秒 seconds",
        "clock" => "时刻 time of day (HH:mm)",
        "money" => "元 yuan",
        "ratio" => "比值 ratio",
        var other => other,
    };

    private static string Direction(Metric m) => m.LowerIsBetter ? "越低越好 lower" : "越高越好 higher";
}
