using System.Data.Common;
using CsKpi.Jobs.Analyst;
using CsKpi.Warehouse;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Pages.Sql;

/// <summary>
/// SQL (analyst, admin): a query box on the analyst snapshot, run in the <see cref="SqlSandbox"/> (its own process
/// with bounded memory, read-only, no files, locked settings, a time limit, one statement), never on the live
/// warehouse. A query runs only from a POST with the anti-forgery token: a link (<c>/sql?q=…</c>, a saved query) fills
/// the box and runs nothing, so a crafted link cannot make an analyst run a query. At most <c>Sql:MaxConcurrent</c>
/// queries run at once (<see cref="SandboxGate"/>). Results are paged (100 rows a page, up to 10,000 rows shown); the
/// CSV download streams the whole result. Beside it: the schema with every table's and column's comment (the data
/// dictionary, read once per snapshot), and the saved queries.
/// </summary>
public sealed class IndexModel(DuckDBConnection db, WarehouseDatabase warehouse, IOptions<SqlPageOptions> options, SandboxGate gate, IMemoryCache cache) : PageModel
{
    public const int PageRows = 100;
    public const int MaxShownRows = 10_000;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    // Not "page": Razor Pages keeps that route value for the page itself.
    [BindProperty(Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public string? SaveName { get; set; }

    public ResultPage? Result { get; private set; }
    public string? Error { get; private set; }

    /// <summary>DuckDB's own words behind <see cref="Error"/>, shown as DuckDB wrote them.</summary>
    public string? ErrorDetail { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<DictionaryTable> Dictionary { get; private set; } = [];
    public IReadOnlyList<SavedQuery> Saved { get; private set; } = [];
    public string SnapshotPath => AnalystSnapshot.PathBeside(warehouse.CanonicalPath);

    /// <summary>The file's name only: where the server keeps it is not the analysts' business.</summary>
    public string SnapshotFile => Path.GetFileName(SnapshotPath);
    public DateTime? SnapshotWrittenAt { get; private set; }

    /// <param name="Rows">The rows of this page, as text (null for SQL NULL).</param>
    /// <param name="Counted">Rows counted, at most <see cref="MaxShownRows"/> + 1 (more than the cap: "10,000+").</param>
    public sealed record ResultPage(IReadOnlyList<string> Columns, IReadOnlyList<bool> Numeric, IReadOnlyList<string?[]> Rows, int Counted, TimeSpan Elapsed);

    public sealed record DictionaryColumn(string Name, string Type, string? Comment);

    public sealed record DictionaryTable(string Schema, string Name, string? Comment, IReadOnlyList<DictionaryColumn> Columns);

    private sealed record DictionaryRow(string Schema, string Table, string? TableComment, string Column, string Type, string? ColumnComment, DateTime? WrittenAt);

    public sealed record SavedQuery(long QueryId, string Name, string SqlText, string SavedBy, DateTime SavedAt);

    public int PageCount => Result is null ? 0 : Math.Max(1, (Math.Min(Result.Counted, MaxShownRows) + PageRows - 1) / PageRows);

    /// <summary>The sandbox's gate, from <c>Sql:MaxConcurrent</c> (default 2) and <c>Sql:QueueSeconds</c> (default 5).</summary>
    public static SandboxGate Gate(SqlPageOptions options) => new(options.MaxConcurrent, TimeSpan.FromSeconds(options.QueueSeconds));

    /// <summary>The box, filled from <c>?q=</c> when a link gives one; nothing runs.</summary>
    public void OnGet() => Load();

    /// <summary>Runs the box's query (the Run button and the pager).</summary>
    public IActionResult OnPost()
    {
        PageNumber = Math.Clamp(PageNumber, 1, MaxShownRows / PageRows);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            Run(Query);
        }

        Load();
        return Page();
    }

    /// <summary>The whole result as CSV, written as it is read (a million rows never sit in memory).</summary>
    public IActionResult OnPostCsv()
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return BadRequest("q: the query to download is missing");
        }

        using var place = gate.TryEnter(HttpContext.RequestAborted);
        if (place is null)
        {
            return Content(Busy, "text/plain; charset=utf-8");
        }

        // The sandbox reads and writes on this thread; the response is a stream of CSV lines.
        HttpContext.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        try
        {
            // A refused or failing query throws before the first byte; one that runs out of time midway breaks the
            // download off, so a partial file is never mistaken for the whole.
            return Sandbox().Run(Query, cancellation: HttpContext.RequestAborted, read: reader =>
            {
                Response.ContentType = "text/csv; charset=utf-8";
                Response.Headers.ContentDisposition = "attachment; filename=\"query.csv\"";
                using var writer = new StreamWriter(Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
                QueryResults.WriteCsv(reader, writer);
                return (IActionResult)new EmptyResult();
            });
        }
        catch (SqlSandboxException refused) when (!Response.HasStarted)
        {
            return Content(Words.SqlRefusal(refused) + (Words.SqlRefusalDetail(refused) is { } said ? "\n" + said : ""), "text/plain; charset=utf-8");
        }
    }

    public IActionResult OnPostSave()
    {
        if (string.IsNullOrWhiteSpace(Query) || string.IsNullOrWhiteSpace(SaveName))
        {
            Error = Lang.T("保存需要名称和查询。", "Saving needs a name and a query.");
        }
        else
        {
            db.Execute("insert into app.saved_query (name, sql_text, saved_by) values ($name, $sql, $user)",
                new { name = SaveName.Trim(), sql = Query, user = Viewer.From(User).UserName });
            Message = Lang.T($"已保存“{SaveName.Trim()}”。", $"Saved \"{SaveName.Trim()}\".");
        }

        Load();
        return Page();
    }

    public IActionResult OnPostDelete(long id)
    {
        var viewer = Viewer.From(User);
        var deleted = db.Execute("delete from app.saved_query where query_id = $id and (saved_by = $user or $admin)",
            new { id, user = viewer.UserName, admin = viewer.IsAdmin });
        if (deleted == 0)
        {
            return Forbid();
        }

        return RedirectToPage();
    }

    private void Run(string query)
    {
        var skip = (PageNumber - 1) * PageRows;
        using var place = gate.TryEnter(HttpContext.RequestAborted);
        if (place is null)
        {
            Error = Busy;
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            Result = Sandbox().Run(query, reader => ReadPage(reader, skip, clock), HttpContext.RequestAborted);
        }
        catch (SqlSandboxException refused)
        {
            Error = Words.SqlRefusal(refused);
            ErrorDetail = Words.SqlRefusalDetail(refused);
        }
    }

    private static ResultPage ReadPage(DbDataReader reader, int skip, System.Diagnostics.Stopwatch clock)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var numeric = Enumerable.Range(0, reader.FieldCount).Select(i => QueryResults.IsNumeric(reader.GetFieldType(i))).ToList();
        var rows = new List<string?[]>();
        var counted = 0;
        while (counted <= MaxShownRows && reader.Read())
        {
            if (counted >= skip && rows.Count < PageRows)
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => QueryResults.Text(reader, i)).ToArray());
            }

            counted++;
        }

        return new ResultPage(columns, numeric, rows, counted, clock.Elapsed);
    }

    private void Load()
    {
        Saved = db.Query<SavedQuery>("select query_id, name, sql_text, saved_by, saved_at from app.saved_query order by name").ToList();
        var snapshot = new FileInfo(SnapshotPath);
        if (!snapshot.Exists)
        {
            return;
        }

        // The dictionary changes only with the snapshot file, which is replaced whole: read it once per file.
        var key = $"sql-dictionary|{snapshot.FullName}|{snapshot.LastWriteTimeUtc.Ticks}|{snapshot.Length}";
        if (cache.TryGetValue(key, out (IReadOnlyList<DictionaryTable> Tables, DateTime? WrittenAt) known))
        {
            (Dictionary, SnapshotWrittenAt) = known;
            return;
        }

        using var place = gate.TryEnter(HttpContext.RequestAborted);
        if (place is null)
        {
            return;
        }

        try
        {
            // One query, so one engine opened on the snapshot per page view: every column of every table, with the
            // table's comment and the snapshot's time repeated on each row.
            var rows = Sandbox().Run("""
                select t.schema_name as "Schema", t.table_name as "Table", t.comment as TableComment,
                       c.column_name as "Column", c.data_type as Type, c.comment as ColumnComment,
                       (select max(written_at) from snapshot_info) as WrittenAt
                from (
                    select database_name, schema_name, table_name, comment from duckdb_tables()
                    union all
                    -- the Parquet lake's views (lake.kpi_agent_daily, …): every store of every shard
                    select database_name, schema_name, view_name, comment from duckdb_views() where schema_name = 'lake'
                ) as t
                join duckdb_columns() as c using (database_name, schema_name, table_name)
                where t.schema_name <> 'main' or t.table_name = 'snapshot_info'
                order by t.schema_name <> 'marts', t.schema_name, t.table_name, c.column_index
                """, reader => reader.Parse<DictionaryRow>().ToList());
            SnapshotWrittenAt = rows.FirstOrDefault()?.WrittenAt;
            Dictionary = rows.GroupBy(r => (r.Schema, r.Table))
                .Select(t => new DictionaryTable(t.Key.Schema, t.Key.Table, t.First().TableComment,
                    t.Select(c => new DictionaryColumn(c.Column, c.Type, c.ColumnComment)).ToList()))
                .ToList();
            cache.Set(key, (Dictionary, SnapshotWrittenAt), new MemoryCacheEntryOptions { Size = 64 * 1024, SlidingExpiration = TimeSpan.FromHours(1) });
        }
        catch (SqlSandboxException unreadable)
        {
            Error ??= Words.SqlRefusal(unreadable);
        }
    }

    private string Busy => Lang.T(
        $"已有 {gate.Places} 个查询正在运行（同时最多 {gate.Places} 个），请稍后再试。",
        $"{gate.Places} queries are already running (the most at once); run yours again in a moment.");

    private SqlSandbox Sandbox() => new(SnapshotPath, options.Value.Sandbox() with { LakeDirectory = warehouse.Options.LakePath });
}
