namespace CsKpi.Etl;

/// <summary>
/// Finds the header of a sheet or text file that has a title above it (2026年3月客服花名册, 导出时间：…), as offices and
/// back-ends write them. The header is the first of the top rows in which at least <see cref="MinimumMatches"/>
/// cells are names or aliases of the kind's columns; when no row is, the first row is the header, so a file with an
/// unknown header is refused for its missing columns exactly as before.
/// </summary>
public static class HeaderRow
{
    /// <summary>Rows looked at from the top. A title block is one to three rows; ten leaves room for a blank line or a note.</summary>
    public const int Scan = 10;

    /// <summary>
    /// Two known columns: one could be a title that happens to be a column's name (日期), two in one row are a header.
    /// Every kind has at least two columns a file must have, so a header that loads always matches two.
    /// </summary>
    public const int MinimumMatches = 2;

    /// <summary>The index in <paramref name="rows"/> of the header row; null when none of them looks like one.</summary>
    public static int? Find(FileKind? kind, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        // The kind's contract names and aliases and every header of the platform layouts that may hold it, so a
        // platform export with a title above its header (or a file whose kind only its header tells) is found too.
        var known = Layouts.ExportLayouts.All
            .Where(l => kind is null || l.Kind is null || l.Kind == kind)
            .SelectMany(l => l.Columns.Values.SelectMany(names => names).Concat(l.Signature.SelectMany(s => s.Split('|'))))
            .Select(Layouts.Header.Normalise)
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(rows.Count, Scan); i++)
        {
            var matches = rows[i].Where(cell => cell is not null).Select(cell => Layouts.Header.Normalise(cell!)).Where(known.Contains).Distinct().Count();
            if (matches >= MinimumMatches)
            {
                return i;
            }
        }

        return null;
    }
}
