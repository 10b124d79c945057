using CsKpi.Warehouse.Metrics;

namespace CsKpi.Warehouse.Tests;

/// <summary>docs/metrics.md is what the registry generates; <c>CSKPI_WRITE_METRICS_DOC=1</c> rewrites it instead of failing.</summary>
public sealed class MetricDocsTests
{
    [Fact]
    public void Docs_metrics_md_lists_what_the_registry_generates()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "metrics.md");
        var current = File.ReadAllText(path);
        var generated = MetricDocs.Update(current, MetricRegistry.Embedded);
        if (Environment.GetEnvironmentVariable("CSKPI_WRITE_METRICS_DOC") == "1")
        {
            File.WriteAllText(path, generated);
            current = generated;
        }

        Assert.True(current == generated,
            "docs/metrics.md differs from what metrics.yml generates; rewrite it with "
            + "CSKPI_WRITE_METRICS_DOC=1 dotnet test tests/CsKpi.Warehouse.Tests --filter MetricDocs");
    }

    [Fact]
    public void Every_metric_is_documented_with_both_names_definitions_and_its_formula()
    {
        var text = MetricDocs.Render(MetricRegistry.Embedded);
        foreach (var metric in MetricRegistry.Embedded.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(metric.DefinitionZh), $"{metric.Code} has no definition_zh");
            Assert.Contains($"### {metric.Code}\n**{metric.Zh}** · {metric.En}", text);
            Assert.Contains("- 定义：" + metric.DefinitionZh + "\n", text);
            Assert.Contains("- Definition: " + metric.DefinitionEn + "\n", text);
        }

        Assert.Contains("`replied_buyers` / `received_buyers`", text);
    }

    [Fact]
    public void Updating_keeps_the_hand_written_prose_around_the_generated_part()
    {
        var registry = MetricRegistry.Parse("""
            metrics:
              - code: a
                zh: 甲
                en: A
                type: integer
                definition_zh: 甲的定义
                definition_en: what a is
            """);
        var once = MetricDocs.Update("# Title\n\nprose\n", registry);
        var document = once + "\nafter\n";
        var twice = MetricDocs.Update(document.Replace("what a is", "stale", StringComparison.Ordinal), registry);

        Assert.StartsWith("# Title\n\nprose\n", once);
        Assert.Equal(document, twice);
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CsKpi.Warehouse.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No CsKpi.Warehouse.sln above " + AppContext.BaseDirectory);
    }
}
