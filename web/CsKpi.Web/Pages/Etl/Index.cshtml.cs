using CsKpi.Warehouse;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Html;
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
    public IReadOnlyList<IHtmlContent> Messages { get; private set; } = [];
    public IReadOnlyList<IHtmlContent> Errors { get; private set; } = [];
    public IReadOnlyList<StoreRow> Stores { get; private set; } = [];

    /// <summary>The platforms a store can be on (app.store's check).</summary>
    public static readonly IReadOnlyList<string> Platforms = ["taobao", "tmall", "jd", "pdd", "douyin", "other"];
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
        public string? Layout { get; init; }
        public string? Note { get; init; }
        public string? ReasonCode { get; init; }
        public string? ReasonArgs { get; init; }
        public string? NoteCodes { get; init; }
    }

    public sealed record StoreRow
    {
        public string StoreId { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Platform { get; init; } = "";
        public string PlatformSetBy { get; init; } = "";
    }

    public sealed record RejectRow
    {
        public string FileName { get; init; } = "";
        public long Line { get; init; }
        public string? ColumnName { get; init; }
        public string? Value { get; init; }
        public string Reason { get; init; } = "";
        public string? ReasonCode { get; init; }
        public string? ReasonArgs { get; init; }
    }

    public void OnGet(long? file, string? upload)
    {
        Errors = upload == InboxUpload.TooLarge ? [InboxUpload.Text(inbox.TooLargeMessage)] : [];
        Load(file);
    }

    public IActionResult OnGetExport(string? format, long? file)
    {
        Load(file);
        // The reason as cskpi words it, and its code, for a spreadsheet to filter by.
        return Download(new ExportTable("cskpi-rejects", ["file", "line", "column", "value", "reason", "reason_code"],
            Rejects.Select(r => new object?[] { r.FileName, r.Line, r.ColumnName, r.Value, r.Reason, r.ReasonCode }).ToList()), format);
    }

    /// <param name="store">The store of files without a store column: they go to the inbox sub-folder named after it.</param>
    public IActionResult OnPostUpload(List<IFormFile> files, string? store) => Show(inbox.Save(files, store: store));

    /// <summary>An admin names a store and sets its platform; later loads no longer change a platform set here.</summary>
    public IActionResult OnPostStore(string storeId, string? displayName, string platform)
    {
        if (!Platforms.Contains(platform))
        {
            return Show(InboxUpload.Outcome.Of([], [Lang.T($"未知平台 {platform}。", $"Unknown platform {platform}.")]));
        }

        var changed = Db.Execute("""
            update app.store set display_name = coalesce(nullif(trim($displayName), ''), store_id), platform = $platform, platform_set_by = 'admin'
            where store_id = $storeId
            """, new { storeId, displayName, platform });
        return Show(changed == 1
            ? InboxUpload.Outcome.Of([Lang.T($"店铺 {storeId} 已保存。", $"Store {storeId} saved.")], [])
            : InboxUpload.Outcome.Of([], [Lang.T($"没有店铺 {storeId}。", $"There is no store {storeId}.")]));
    }

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
                   rejected_rows, outcome, reason, layout, note, reason_code, reason_args, note_codes
            from etl.file_ledger order by file_id desc limit 500
            """).ToList();
        Stores = Db.Query<StoreRow>("select store_id, display_name, platform, platform_set_by from app.store order by store_id").ToList();
        RejectCount = Db.ExecuteScalar<long>("select count(*) from etl.rejects where $file is null or file_id = $file", new { file });
        Rejects = Db.Query<RejectRow>("""
            select file_name, line, column_name, value, reason, reason_code, reason_args from etl.rejects
            where $file is null or file_id = $file
            order by file_id desc, line limit $limit
            """, new { file, limit = MaxRejects }).ToList();
    }
}
