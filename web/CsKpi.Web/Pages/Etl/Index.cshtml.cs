using CsKpi.Etl;
using CsKpi.Jobs;
using CsKpi.Jobs.Scheduling;
using Hangfire;
using CsKpi.Warehouse;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Etl;

/// <summary>
/// 数据 (admin): the files loaded with their counts, the rejected rows with their reasons, uploading files to the
/// inbox (size limit, kind checked by the data contract's own naming rules and the file's first bytes) and "run
/// now", which runs the ingest job (load, then recompute) in the request and queues the analyst snapshot.
/// </summary>
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed class IndexModel(DuckDBConnection db, WarehouseDatabase warehouse, IConfiguration configuration, IBackgroundJobClient jobs) : SitePage(db)
{
    public const long UploadLimit = 256L * 1024 * 1024;
    public const int MaxRejects = 500;

    public IReadOnlyList<LedgerRow> Files { get; private set; } = [];
    public IReadOnlyList<RejectRow> Rejects { get; private set; } = [];
    public long RejectCount { get; private set; }
    public IReadOnlyList<string> Messages { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string InboxPath => Inbox(warehouse, configuration);
    public long MaxFileBytes => configuration.GetValue("Etl:MaxUploadBytes", 200L * 1024 * 1024);

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

    /// <summary>The inbox: <c>Etl:Inbox</c>, else <c>inbox</c> beside the warehouse file (data/inbox by default, as cskpi).</summary>
    public static string Inbox(WarehouseDatabase warehouse, IConfiguration configuration) =>
        configuration["Etl:Inbox"] is { Length: > 0 } configured ? configured : Path.Combine(Path.GetDirectoryName(warehouse.CanonicalPath)!, "inbox");

    public void OnGet(long? file) => Load(file);

    public IActionResult OnGetExport(string? format, long? file)
    {
        Load(file);
        return Download(new ExportTable("cskpi-rejects", ["file", "line", "column", "value", "reason"],
            Rejects.Select(r => new object?[] { r.FileName, r.Line, r.ColumnName, r.Value, r.Reason }).ToList()), format);
    }

    public IActionResult OnPostUpload(List<IFormFile> files)
    {
        var messages = new List<string>();
        var errors = new List<string>();
        Directory.CreateDirectory(InboxPath);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName);
            if (Refusal(file, name) is { } refused)
            {
                errors.Add($"{name}: {refused}");
                continue;
            }

            // Written under a temporary name and moved, so a scan never reads half a file.
            var target = Path.Combine(InboxPath, name);
            var partial = Path.Combine(InboxPath, "~" + name + ".part");
            using (var stream = System.IO.File.Create(partial))
            {
                file.CopyTo(stream);
            }

            System.IO.File.Move(partial, target, overwrite: true);
            messages.Add(Lang.T($"{name} 已放入收件箱（{file.Length:N0} 字节）。", $"{name} is in the inbox ({file.Length:N0} bytes)."));
        }

        Messages = messages;
        Errors = errors;
        Load(null);
        return Page();
    }

    public IActionResult OnPostRun()
    {
        Directory.CreateDirectory(InboxPath);
        // The ingest job's own code, in the request, so the page shows what it loaded; ingests in one process queue
        // behind each other, so this never overlaps the scheduled one. The snapshot follows on the job server.
        var result = IngestJob.Run(warehouse, new EtlOptions { Inbox = InboxPath });
        if (result.Recompute is { Failures.Count: 0 })
        {
            jobs.Enqueue<ScheduledJobs>(scheduled => scheduled.WriteSnapshot());
        }

        Messages = result.Files.Count == 0
            ? [Lang.T("收件箱里没有新文件。", "No new files in the inbox.")]
            : result.Files.Select(f => $"{f.Report.File}: {f.Report.Outcome} · {f.Report.Loaded:N0}/{f.Report.Read:N0} {f.Report.Reason}").ToList();
        if (result.Recompute is { Failures.Count: > 0 } failed)
        {
            Errors = failed.Failures.Select(f => f.ToString()!).ToList();
        }

        Load(null);
        return Page();
    }

    /// <summary>Why a file may not go to the inbox, or null: size, the contract's naming rules, and its first bytes.</summary>
    private string? Refusal(IFormFile file, string name)
    {
        if (file.Length == 0)
        {
            return Lang.T("文件是空的。", "the file is empty.");
        }

        if (file.Length > MaxFileBytes)
        {
            return Lang.T($"文件超过上限 {MaxFileBytes:N0} 字节。", $"the file is larger than the limit of {MaxFileBytes:N0} bytes.");
        }

        if (DataContract.Classify(name) is not ContractFile contract)
        {
            return ((NotAContractFile)DataContract.Classify(name)).Reason;
        }

        Span<byte> head = stackalloc byte[512];
        using var stream = file.OpenReadStream();
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        var looksRight = contract switch
        {
            { Gzipped: true } => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b,
            { Format: FileFormat.Parquet } => head.StartsWith("PAR1"u8),
            // Text: no NUL bytes, and not a zip (an Excel workbook renamed .csv).
            _ => !head.Contains((byte)0) && !head.StartsWith("PK"u8),
        };
        return looksRight ? null : Lang.T($"内容与扩展名不符（应为 {contract.Format}{(contract.Gzipped ? " gzip" : "")}）。", $"its content does not match its extension ({contract.Format}{(contract.Gzipped ? " gzip" : "")} expected).");
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
