using CsKpi.Warehouse;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Etl;

/// <summary>
/// 数据 (admin): the files loaded with their counts, the rejected rows with their reasons, uploading files to the
/// inbox and "run now", which runs the ingest job (load, then recompute) in the request for now — both through
/// <see cref="InboxUpload"/>, which the training page shares.
/// </summary>
[UploadForm]
public sealed class IndexModel(DuckDBConnection db, InboxUpload inbox) : SitePage(db)
{
    public const int MaxRejects = 500;

    public IReadOnlyList<LedgerRow> Files { get; private set; } = [];
    public IReadOnlyList<RejectRow> Rejects { get; private set; } = [];
    public long RejectCount { get; private set; }
    public IReadOnlyList<string> Messages { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string InboxPath => inbox.InboxPath;
    public long MaxFileBytes => inbox.MaxFileBytes;

    public sealed record LedgerRow
    {
        public long FileId { get; init; }
        public string FileName { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Format { get; init; }
        public string? Encoding { get; init; }
        public long SizeBytes { get; init; }
        public DateTime? FinishedAt { get; init; }
        public long ReadRows { get; init; }
        public long LoadedRows { get; init; }
        public long DuplicateRows { get; init; }
        public long RejectedRows { get; init; }
        public string Outcome { get; init; } = "";
        public string? Reason { get; init; }
    }

    public sealed record RejectRow
    {
        public string FileName { get; init; } = "";
        public long Line { get; init; }
        public string? ColumnName { get; init; }
        public string? Value { get; init; }
        public string Reason { get; init; } = "";
    }

    public void OnGet(long? file, string? upload)
    {
        Errors = upload == InboxUpload.TooLarge ? [inbox.TooLargeMessage] : [];
        Load(file);
    }

    public IActionResult OnGetExport(string? format, long? file)
    {
        Load(file);
        return Download(new ExportTable("cskpi-rejects", ["file", "line", "column", "value", "reason"],
            Rejects.Select(r => new object?[] { r.FileName, r.Line, r.ColumnName, r.Value, r.Reason }).ToList()), format);
    }

    public IActionResult OnPostUpload(List<IFormFile> files) => Show(inbox.Save(files));

    public IActionResult OnPostRun() => Show(inbox.Run());

    private IActionResult Show(InboxUpload.Outcome outcome)
    {
        Messages = outcome.Messages;
        Errors = outcome.Errors;
        Load(null);
        return Page();
    }

    private void Load(long? file)
    {
        Files = Db.Query<LedgerRow>("""
            select file_id, file_name, kind, format, encoding, size_bytes, finished_at, read_rows, loaded_rows, duplicate_rows,
                   rejected_rows, outcome, reason
            from etl.file_ledger order by file_id desc limit 500
            """).ToList();
        RejectCount = Db.ExecuteScalar<long>("select count(*) from etl.rejects where $file is null or file_id = $file", new { file });
        Rejects = Db.Query<RejectRow>("""
            select file_name, line, column_name, value, reason from etl.rejects
            where $file is null or file_id = $file
            order by file_id desc, line limit $limit
            """, new { file, limit = MaxRejects }).ToList();
    }
}
