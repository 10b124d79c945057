using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CsKpi.Warehouse.Metrics;

/// <summary>
/// One metric of <c>metrics/metrics.yml</c>: a sum the models compute, or a ratio of named sums. The registry is
/// the only place a metric's name, formula, unit and direction are written; marts, pages and docs read it.
/// </summary>
public sealed record Metric
{
    public string Code { get; init; } = "";
    public string Zh { get; init; } = "";
    public string En { get; init; } = "";
    /// <summary>A sum's stored type; null for a ratio (always a double).</summary>
    public string? Type { get; init; }
    public string? Numerator { get; init; }
    public string? Denominator { get; init; }
    public string Format { get; init; } = "count";
    public string Direction { get; init; } = "higher";
    public bool Scorecard { get; init; }
    public List<string> Levels { get; init; } = ["agent", "team", "store"];
    public bool Shown { get; init; } = true;
    public bool EmptyWhenNone { get; init; }
    /// <summary>Known only from a CS tool's report (attendance): chats never carry it, so it is never reconciled.</summary>
    public bool ReportsOnly { get; init; }
    public List<string> Platforms { get; init; } = ["all"];
    public string DefinitionZh { get; init; } = "";
    public string DefinitionEn { get; init; } = "";
    public string? Source { get; init; }
    /// <summary>The period macros' flag column that marks the value provisional (延迟统计), if it can be.</summary>
    public string? Provisional { get; init; }
    /// <summary>The site's lists that show it, each with its place in the list (1 first): see metrics.yml.</summary>
    public Dictionary<string, int> Pages { get; init; } = [];

    public bool IsRatio => Numerator is not null;
    public bool IsSum => !IsRatio;
    public bool LowerIsBetter => Direction == "lower";
    public bool At(string level) => Levels.Contains(level);
}

/// <summary>The metrics of <c>metrics/metrics.yml</c>, in file order, checked when loaded.</summary>
public sealed class MetricRegistry
{
    private readonly Dictionary<string, Metric> byCode;

    public MetricRegistry(IReadOnlyList<Metric> metrics)
    {
        All = metrics;
        byCode = metrics.ToDictionary(m => m.Code, StringComparer.Ordinal);
    }

    /// <summary>The registry shipped inside this assembly.</summary>
    public static MetricRegistry Embedded { get; } = Parse(ReadEmbedded());

    public IReadOnlyList<Metric> All { get; }

    public Metric? Find(string code) => byCode.GetValueOrDefault(code);

    public Metric this[string code] => byCode.TryGetValue(code, out var metric)
        ? metric
        : throw new KeyNotFoundException($"metrics.yml defines no metric '{code}'.");

    public IEnumerable<Metric> At(string level) => All.Where(m => m.At(level));

    public static MetricRegistry Parse(string yaml)
    {
        var file = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build()
            .Deserialize<RegistryFile>(yaml);
        var metrics = file.Metrics ?? [];
        var duplicate = metrics.GroupBy(m => m.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"metrics.yml defines '{duplicate.Key}' {duplicate.Count()} times.");
        }

        foreach (var metric in metrics)
        {
            if (metric.IsRatio == (metric.Denominator is null) || metric.IsRatio == (metric.Type is not null))
            {
                throw new InvalidDataException(
                    $"metrics.yml: '{metric.Code}' must be either a sum (type) or a ratio (numerator and denominator).");
            }
        }

        return new MetricRegistry(metrics);
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(MetricRegistry).Assembly.GetManifestResourceStream("metrics/metrics.yml")
            ?? throw new InvalidOperationException("metrics/metrics.yml is not embedded in CsKpi.Warehouse.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class RegistryFile
    {
        public List<Metric>? Metrics { get; set; }
    }
}
