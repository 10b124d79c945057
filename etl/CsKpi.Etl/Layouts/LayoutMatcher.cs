namespace CsKpi.Etl.Layouts;

/// <summary>The layout a file's header matched, and which of its headers feed which column.</summary>
public sealed record LayoutMatch(ExportLayout Layout, HeaderMapping Mapping);

/// <summary>
/// Recognises a file's layout from its header. A platform layout matches when every header of its signature is
/// there (the largest signature wins, so a variant beats the layout it extends); else the contract's layout of the
/// kind the name or folder gave; else, for a file of unknown kind, the contract layout whose required columns are all
/// there. Nothing matching is a <see cref="UnknownLayout"/> naming the closest layout and what it lacks.
/// </summary>
public static class LayoutMatcher
{
    /// <summary>
    /// A required column a platform layout may lack: orders without a buyer (a privacy-stripped export) load and are
    /// never credited. The store is not one: the loader takes it from the folder or --store, or refuses the file.
    /// </summary>
    private static bool MayBeAbsent(ExportLayout layout, string column) =>
        !layout.IsContract && layout.Kind == FileKind.Orders && column == "buyer_id";

    public static LayoutMatch? Match(FileKind? kind, IReadOnlyList<string> headers)
    {
        var present = headers.Select(Header.Normalise).ToHashSet(StringComparer.Ordinal);
        var platform = ExportLayouts.Platform
            .Where(l => kind is null || l.Kind is null || l.Kind == kind)
            .Where(l => l.Signature.All(s => Has(present, s)))
            .MaxBy(l => l.Signature.Count);
        if (platform is not null)
        {
            return new LayoutMatch(platform, Map(platform, headers));
        }

        if (kind is { } named)
        {
            var contract = ExportLayouts.ContractOf(named);
            return new LayoutMatch(contract, Map(contract, headers));
        }

        // A file of unknown kind in the contract's words (an HR roster named 花名册.csv): the kind whose required
        // columns are all there, the store aside since a folder or --store may give it.
        return ExportLayouts.Contract
            .Select(l => new LayoutMatch(l, Map(l, headers)))
            .Where(m => m.Mapping.MissingRequired.All(c => c == "store_id"))
            .MaxBy(m => m.Mapping.SourceByColumn.Count);
    }

    /// <summary>Maps <paramref name="headers"/> through <paramref name="layout"/>: the first present header of each column.</summary>
    public static HeaderMapping Map(ExportLayout layout, IReadOnlyList<string> headers)
    {
        var sourceByColumn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in layout.Columns.Keys)
        {
            // One header may feed two columns: Pinduoduo's 支付时间 is both when the order was made and when it was paid.
            if (layout.SourceOf(column, headers) is { } header)
            {
                sourceByColumn[column] = header;
            }
        }

        var used = sourceByColumn.Values.ToHashSet(StringComparer.Ordinal);
        // An agent report's other columns are its metrics: the layout's, by code, else under their own header.
        var metrics = new List<(string Metric, string Form, string Header)>();
        if (layout.Kind == FileKind.AgentReport)
        {
            var ignored = layout.Ignore.Select(Header.Normalise).ToHashSet(StringComparer.Ordinal);
            used.UnionWith(headers.Where(h => ignored.Contains(Header.Normalise(h))));
            foreach (var (code, metric) in layout.Metrics)
            {
                var names = metric.Headers.Select(Header.Normalise).ToList();
                var header = names.Select(n => headers.FirstOrDefault(h => Header.Normalise(h) == n && !used.Contains(h))).FirstOrDefault(h => h is not null);
                if (header is not null)
                {
                    metrics.Add((code, metric.Form, header));
                    // The metric's other headers are the same figure in another form (在线总时长 beside 在线总时长(秒)).
                    used.UnionWith(headers.Where(h => names.Contains(Header.Normalise(h))));
                }
            }

            metrics.AddRange(headers.Where(h => !used.Contains(h) && h.Trim().Length > 0).Select(h => (h.Trim(), "number", h)));
            used.UnionWith(metrics.Select(m => m.Header));
        }

        var extra = headers.Where(h => !used.Contains(h)).ToList();
        var missing = layout.Kind is { } kind
            ? ContractColumns.For(kind).Where(c => c.Required && !sourceByColumn.ContainsKey(c.Name) && (layout.IsContract || !MayBeAbsent(layout, c.Name)))
                .Select(c => c.Name).ToList()
            : [];
        return new HeaderMapping(headers, sourceByColumn, missing, extra) { Layout = layout, Metrics = metrics };
    }

    /// <summary>
    /// Why no layout matched: the closest one (the largest share of its signature present) and the headers it lacks.
    /// </summary>
    public static EtlReason UnknownLayout(IReadOnlyList<string> headers)
    {
        var present = headers.Select(Header.Normalise).ToHashSet(StringComparer.Ordinal);
        var closest = ExportLayouts.All
            .Select(l => (Layout: l, Missing: MissingSignature(l, present)))
            .OrderBy(c => (double)c.Missing.Count / c.Layout.Signature.Count)
            .ThenBy(c => c.Missing.Count)
            .First();
        return new EtlReason("file.unknown_layout", ("kinds", DataContract.KindList), ("layout", closest.Layout.Title), ("missing", string.Join(", ", closest.Missing)));
    }

    private static List<string> MissingSignature(ExportLayout layout, HashSet<string> present) =>
        layout.IsContract
            ? ContractColumns.For(layout.Kind!.Value).Where(c => c.Required && c.Name != "store_id")
                .Where(c => !present.Contains(Header.Normalise(c.Name)) && !c.Aliases.Any(a => present.Contains(Header.Normalise(a))))
                .Select(c => c.Aliases.Length > 0 ? $"{c.Name} ({string.Join(" / ", c.Aliases)})" : c.Name).ToList()
            : layout.Signature.Where(s => !Has(present, s)).Select(s => s.Replace("|", " / ")).ToList();

    /// <summary>Whether a signature entry is in the header: "a|b" is met by either.</summary>
    private static bool Has(HashSet<string> present, string entry) =>
        entry.Split('|').Any(alternative => present.Contains(Header.Normalise(alternative)));
}
