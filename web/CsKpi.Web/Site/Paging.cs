using System.Globalization;

namespace CsKpi.Web.Site;

/// <summary><c>Lists</c>: how many rows a long list (agents, scorecards, proposals, review samples) shows per page.</summary>
public sealed class ListOptions
{
    public const string Section = "Lists";

    /// <summary>50 rows: a page a person reads, not the 1,000 agents of a big store (940 KB of HTML, seconds to render).</summary>
    public int PageSize { get; set; } = 50;
}

/// <summary>
/// One page of a long list: which page (1-based, held to the pages there are), its size and how many rows there are
/// in all. The server sends only the page's rows; the links to the other pages keep the period, filters and the
/// page's own choices (<see cref="SitePage.Link"/>).
/// </summary>
public sealed record Pager(int Number, int Size, long Total, string Parameter = Pager.DefaultParameter)
{
    public const string DefaultParameter = "page";

    public int Pages => Total == 0 ? 1 : (int)((Total + Size - 1) / Size);

    public int Offset => (Number - 1) * Size;

    /// <summary>The list does not fit one page: the page shows the pager.</summary>
    public bool IsPaged => Total > Size;

    public long First => Total == 0 ? 0 : Offset + 1;

    public long Last => Math.Min(Total, (long)Offset + Size);

    /// <summary>The page asked for (<c>?page=</c>; anything else reads as 1), held to the last page there is.</summary>
    public static Pager Of(string? requested, int size, long total, string parameter = DefaultParameter)
    {
        size = Math.Max(1, size);
        var pages = total == 0 ? 1 : (int)((total + size - 1) / size);
        var number = int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, pages) : 1;
        return new Pager(number, size, total, parameter);
    }
}

/// <summary>What the pager partial (_Pager.cshtml) draws: a pager and the URL of each of its pages; <paramref name="Id"/>
/// names a pager that stands once on its page.</summary>
public sealed record PagerLinks(Pager Pager, Func<int, string> Link, string? Id = null);
