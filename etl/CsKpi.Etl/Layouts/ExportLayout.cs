using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CsKpi.Etl.Layouts;

/// <summary>
/// One export layout the ETL knows (architecture decision 8: layouts are data): the headers that identify it, which
/// header feeds which contract column, the wording of its values, and what a platform writes it as. The platform
/// layouts are the <c>Layouts/*.json</c> files of this assembly; the contract's own layout, one per kind, is built
/// from <see cref="ContractColumns"/>. Adding a layout adds a JSON file and its test, not code.
/// </summary>
public sealed record ExportLayout
{
    /// <summary>The layout's key, e.g. <c>taobao-orders</c>; the ledger and the ingest report name it.</summary>
    public required string Name { get; init; }

    /// <summary>What a person calls it, e.g. 淘宝/天猫 订单报表 (ExportOrderList).</summary>
    public required string Title { get; init; }

    /// <summary>The kind its rows load as; null with <see cref="Skip"/> for a file that is recognised and not loaded.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<FileKind>))]
    public FileKind? Kind { get; init; }

    /// <summary>taobao, tmall, jd, pdd, douyin or other; a store first seen in this layout gets it.</summary>
    public string? Platform { get; init; }

    /// <summary>Headers every file of the layout has (compared trimmed and case-blind); together they identify it.</summary>
    public IReadOnlyList<string> Signature { get; init; } = [];

    /// <summary>
    /// Contract column (or staging helper such as <c>order_total</c>) → the headers that carry it, the first present wins.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Columns { get; init; } = new Dictionary<string, string[]>();

    /// <summary>
    /// For an agent report: metric code (core.metric's where one matches) → its headers and value form. A report's
    /// column that is neither a contract column nor here is kept as a metric named by its own header.
    /// </summary>
    public IReadOnlyDictionary<string, ReportMetric> Metrics { get; init; } = new Dictionary<string, ReportMetric>();

    /// <summary>
    /// For an agent report: headers that are neither a contract column nor a figure, left unread (赤兔's 遵时率 report
    /// writes the person's name as 客服 beside the nick 旺旺), rather than kept as a metric that is no number.
    /// </summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Contract column → how the layout words its values (order statuses, roles…).</summary>
    public IReadOnlyDictionary<string, ValueVocabulary> Values { get; init; } = new Dictionary<string, ValueVocabulary>();

    /// <summary>When set, several rows make one order (one row per SKU or sub-order): they are merged by order_id.</summary>
    public ItemRows? ItemRows { get; init; }

    /// <summary>Why a file of this layout is recognised but not loaded: a reason code, <c>file.skip.</c> and this (EtlReasons).</summary>
    public string? Skip { get; init; }

    /// <summary>Encodings the platform writes it in (documentation: the preparer detects the encoding itself).</summary>
    public IReadOnlyList<string> Encodings { get; init; } = [];

    /// <summary>File names the platform gives it (documentation and the seed's --layout).</summary>
    public IReadOnlyList<string> FileNames { get; init; } = [];

    /// <summary>Where the headers come from (docs/imports.md cites it).</summary>
    public string? Source { get; init; }

    /// <summary>True for the contract's own layout of a kind, whose headers are the contract's names and aliases.</summary>
    public bool IsContract { get; init; }

    /// <summary>The header of <paramref name="headers"/> that feeds <paramref name="column"/>, or null.</summary>
    public string? SourceOf(string column, IReadOnlyList<string> headers) =>
        Columns.TryGetValue(column, out var names)
            ? names.Select(Header.Normalise).Select(n => headers.FirstOrDefault(h => Header.Normalise(h) == n)).FirstOrDefault(h => h is not null)
            : null;
}

/// <summary>
/// A metric of an agent report: the headers that carry it (the first present wins) and how its values are written:
/// <c>rate</c> (85.3%, 0.853, or 85.3 read as a percentage), <c>seconds</c> (35, 35秒, 0:00:35), <c>clock</c> (a time
/// of day, 8:35 or 08:35:10, as seconds after midnight) or <c>number</c>. The headers are one figure written in other
/// forms (在线总时长(秒) and 在线总时长): when a file has several, the first is read and the others are dropped.
/// </summary>
public sealed record ReportMetric
{
    public IReadOnlyList<string> Headers { get; init; } = [];

    public string Form { get; init; } = "number";
}

/// <summary>How a layout words a column's values: prefixes to drop first (JD's <c>(删除)</c>), then word → contract value.</summary>
public sealed record ValueVocabulary
{
    public IReadOnlyList<string> StripPrefixes { get; init; } = [];

    public IReadOnlyDictionary<string, string> Map { get; init; } = new Dictionary<string, string>();
}

/// <summary>Rows that are items of one order: merged by order_id; <see cref="Sum"/> columns add up, the rest come from the first row.</summary>
public sealed record ItemRows
{
    /// <summary>What one row is, for the report: "SKU", "sub-order".</summary>
    public required string Row { get; init; }

    public IReadOnlyList<string> Sum { get; init; } = [];
}

/// <summary>
/// Header comparison shared by every layout: trimmed (exports leave trailing spaces), BOM-less, case-blind, full-width
/// brackets as ASCII, and a unit suffix (元) dropped, so 用户实付金额(元) and a cleaned 用户实付金额 are one header.
/// </summary>
public static class Header
{
    public static string Normalise(string header)
    {
        var key = header.Trim().TrimStart('\uFEFF').Replace('（', '(').Replace('）', ')').Trim().ToLowerInvariant();
        return key.EndsWith("(元)", StringComparison.Ordinal) && key.Length > 3 ? key[..^3].TrimEnd() : key;
    }
}

/// <summary>Every layout the ETL knows: the contract's six and the platform files embedded in this assembly.</summary>
public static class ExportLayouts
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The platform and office layouts, by name.</summary>
    public static IReadOnlyList<ExportLayout> Platform { get; } = LoadEmbedded();

    /// <summary>The contract's layout of each kind: its column names and Chinese aliases.</summary>
    public static IReadOnlyList<ExportLayout> Contract { get; } = Enum.GetValues<FileKind>().Select(ContractLayout).ToList();

    public static IReadOnlyList<ExportLayout> All { get; } = [.. Contract, .. Platform];

    public static ExportLayout ContractOf(FileKind kind) => Contract[(int)kind];

    public static ExportLayout Named(string name) => All.Single(l => l.Name == name);

    private static ExportLayout ContractLayout(FileKind kind) => new()
    {
        Name = "contract-" + kind.ContractName(),
        Title = $"CsKpi contract ({kind.ContractName()})",
        Kind = kind,
        IsContract = true,
        Signature = ContractColumns.For(kind).Where(c => c.Required).Select(c => c.Name).ToList(),
        Columns = ContractColumns.For(kind).ToDictionary(c => c.Name, c => (string[])[c.Name, .. c.Aliases]),
        Encodings = ["utf-8", "gb18030"],
        FileNames = [kind.ContractName() + "*", kind.ContractName() + "/…"],
        Source = "data-contract.md (the contract itself)",
    };

    private static List<ExportLayout> LoadEmbedded()
    {
        var assembly = typeof(ExportLayouts).Assembly;
        var layouts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("layouts/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Read(assembly, n))
            .ToList();
        var duplicate = layouts.GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two layout files are named {duplicate.Key}");
        }

        return layouts;
    }

    private static ExportLayout Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        var layout = JsonSerializer.Deserialize<ExportLayout>(stream, Json)
            ?? throw new InvalidOperationException($"{resource} is empty");
        if (layout.Signature.Count == 0 || (layout.Kind is null) == (layout.Skip is null))
        {
            throw new InvalidOperationException($"{resource}: a layout needs a signature, and either a kind or a skip reason");
        }

        if ((layout.Metrics.Count > 0 || layout.Ignore.Count > 0) && layout.Kind != FileKind.AgentReport
            || layout.Metrics.Values.Any(m => m.Headers.Count == 0 || m.Form is not ("rate" or "seconds" or "clock" or "number")))
        {
            throw new InvalidOperationException($"{resource}: metrics and ignored headers belong to agent reports, each metric with headers and a form of rate, seconds, clock or number");
        }

        var known = layout.Kind is { } kind ? ContractColumns.For(kind).Select(c => c.Name).Concat(LayoutStaging.Helpers(kind)).ToHashSet() : [];
        var unknown = layout.Columns.Keys.Concat(layout.Values.Keys).FirstOrDefault(c => !known.Contains(c));
        if (unknown is not null)
        {
            throw new InvalidOperationException($"{resource}: '{unknown}' is not a column of {layout.Kind?.ContractName()}");
        }

        return layout;
    }
}
