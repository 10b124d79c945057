namespace CsKpi.Etl.Layouts;

/// <summary>
/// The SQL that turns a file of any layout into the contract's staging table, so the raw scripts see one shape:
/// headers renamed to contract columns, the layout's wording of values put in the contract's words, the store filled
/// in from the folder or --store, and item rows (one per SKU or sub-order) merged into their order.
/// </summary>
public static class LayoutStaging
{
    /// <summary>Staged columns beyond the contract's that a raw script reads: orders' 总金额 decides the amount's meaning.</summary>
    public static IReadOnlyList<string> Helpers(FileKind kind) => kind == FileKind.Orders ? ["order_total"] : [];

    /// <summary>Every staged column of a kind: the contract's, then the helpers.</summary>
    public static IReadOnlyList<string> StagedColumns(FileKind kind) => [.. ContractColumns.For(kind).Select(c => c.Name), .. Helpers(kind)];

    /// <summary>
    /// The select list from the file's headers into the staged columns. <paramref name="value"/> turns a quoted header
    /// into its cleaned text; <paramref name="store"/> is the store of rows that have none (folder or --store).
    /// </summary>
    public static string SelectList(HeaderMapping mapping, FileKind kind, string? store, Func<string, string> value)
    {
        var layout = mapping.Layout;
        // An agent report's metrics are staged as "form:metric" columns, which sql/raw/agent_report.sql unpivots; an
        // empty figure is staged as '' rather than NULL, so the unpivot keeps it (reported empty, not absent).
        var metrics = mapping.Metrics.Select(m => $", coalesce({value(Sql.Quote(m.Header))}, '') as {Sql.Quote(m.Form + ":" + m.Metric)}");
        return string.Join(", ", StagedColumns(kind).Select(column =>
        {
            var expression = mapping.SourceByColumn.TryGetValue(column, out var header) ? value(Sql.Quote(header)) : "null::varchar";
            if (layout.Values.TryGetValue(column, out var vocabulary))
            {
                expression = Translate(expression, vocabulary);
            }

            if (column == "store_id" && store is not null)
            {
                // Trimmed as every staged value is (etl.clean_value), so a load script need not trim it again.
                expression = header is null ? $"trim({Sql.Literal(store)})" : $"coalesce(etl.blank({expression}), trim({Sql.Literal(store)}))";
            }

            return $"{expression} as {column}";
        })) + string.Concat(metrics);
    }

    /// <summary>The layout's words as a CASE: its prefixes dropped first, unmapped words left for the raw script to judge.</summary>
    private static string Translate(string expression, ValueVocabulary vocabulary)
    {
        if (vocabulary.StripPrefixes.Count > 0)
        {
            // One regular expression for all prefixes, so the value's expression is not repeated per prefix.
            var prefixes = string.Join("|", vocabulary.StripPrefixes.Select(RegexEscape));
            // Every space after the prefix, as etl.clean_value trims them (raw/chat_message.sql does not trim again).
            expression = $"regexp_replace({expression}, {Sql.Literal($"^(?:{prefixes})[\\s\\p{{Zs}}]*")}, '')";
        }

        if (vocabulary.Map.Count == 0)
        {
            return expression;
        }

        var whens = string.Join(" ", vocabulary.Map.Select(w => $"when {Sql.Literal(w.Key)} then {Sql.Literal(w.Value)}"));
        return $"(case {expression} {whens} else {expression} end)";
    }

    private static string RegexEscape(string text) =>
        string.Concat(text.Select(c => @"\.^$|?*+()[]{}".Contains(c) ? "\\" + c : c.ToString()));

    /// <summary>
    /// Replaces the stage by one row per order when the layout writes one row per item: summed columns add up (a
    /// value that is not a number stays, so the order is rejected for it), the others come from the order's first row,
    /// which also gives the line. A row without an order number stays alone, to be rejected at its own line.
    /// </summary>
    public static string? MergeItemRows(ExportLayout layout, FileKind kind)
    {
        if (layout.ItemRows is not { } items)
        {
            return null;
        }

        var columns = StagedColumns(kind).Select(column =>
        {
            if (!items.Sum.Contains(column))
            {
                return $"arg_min({column}, line) as {column}";
            }

            var parse = column == "items" ? $"etl.parse_integer({column})" : $"etl.parse_money({column})";
            var sum = column == "items" ? $"cast(cast(sum({parse}) as bigint) as varchar)" : $"cast(sum({parse}) as varchar)";
            return $"case when count(etl.blank({column})) = count({parse}) then {sum} "
                + $"else arg_min({column}, case when etl.blank({column}) is not null and {parse} is null then line end) end as {column}";
        });
        return $"""
            create or replace temp table stage as
            select min(line) as line, {string.Join(", ", columns)}
            from stage
            group by store_id, coalesce(etl.blank(order_id), '#' || line)
            """;
    }
}
