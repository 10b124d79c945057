using System.Text;
using CsKpi.Etl;
using CsKpi.Jobs;
using CsKpi.Jobs.Scheduling;
using Hangfire;
using CsKpi.Warehouse;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Site;

/// <summary>
/// Uploading files to the ETL's inbox and running the ingest job, shared by the pages that accept files (数据 ETL:
/// every kind; 培训 Training: courses and training results only). A file is checked before it is written — its size,
/// the data contract's own naming rules (and the kinds the page allows), the length of its name, its first bytes —
/// and written under a temporary name then moved, so a scan never reads half a file. One file that cannot be written
/// is an error beside the others, never the end of the batch.
/// </summary>
public sealed class InboxUpload(WarehouseDatabase warehouse, IOptions<InboxOptions> options, IBackgroundJobClient jobs)
{
    /// <summary>The longest file name a Linux or Windows folder takes is 255 bytes; the partial copy adds "~" and ".part".</summary>
    public const int MaxNameBytes = 255 - 6;

    /// <summary>The query value that brings a refused upload's message to the page (<see cref="UploadLimits"/>).</summary>
    public const string TooLarge = "too-large";

    /// <summary>The inbox: <c>Etl:Inbox</c>, else <c>inbox</c> beside the warehouse file (data/inbox by default, as cskpi).</summary>
    public string InboxPath => options.Value.InboxPath(warehouse);

    public long MaxFileBytes => options.Value.MaxUploadBytes;

    /// <summary>The most one upload form's request may hold, all its files together: <c>Etl:MaxUploadRequestBytes</c>.</summary>
    public long MaxRequestBytes => options.Value.MaxUploadRequestBytes;

    /// <summary>What the page says after a request over <see cref="MaxRequestBytes"/> was refused.</summary>
    public string TooLargeMessage => Lang.T(
        $"上传被拒绝：一次提交最多 {MaxRequestBytes:N0} 字节，没有保存任何文件。请分几次上传（单个文件不超过 {MaxFileBytes:N0} 字节）。",
        $"The upload was refused: one submission may hold at most {MaxRequestBytes:N0} bytes, so no file was saved. Upload the files a few at a time (each at most {MaxFileBytes:N0} bytes).");

    /// <summary>What the page says after an upload or a run: HTML, since the loader's reasons show their values as code (<see cref="EtlWords"/>).</summary>
    public sealed record Outcome(IReadOnlyList<IHtmlContent> Messages, IReadOnlyList<IHtmlContent> Errors)
    {
        /// <summary>Plain sentences, encoded.</summary>
        public static Outcome Of(IEnumerable<string> messages, IEnumerable<string> errors) =>
            new(messages.Select(Text).ToList(), errors.Select(Text).ToList());
    }

    /// <summary>A plain sentence as HTML (encoded).</summary>
    public static IHtmlContent Text(string text) => new HtmlContentBuilder().Append(text);

    private static IHtmlContent Join(params object[] parts)
    {
        var html = new HtmlContentBuilder();
        foreach (var part in parts)
        {
            _ = part is IHtmlContent h ? html.AppendHtml(h) : html.Append(part.ToString());
        }

        return html;
    }

    /// <summary>
    /// Puts the acceptable files in the inbox; <paramref name="kinds"/> limits the contract's kinds (null: any). With a
    /// <paramref name="store"/>, the files go to the inbox sub-folder named after it, which is the store of every
    /// file that has no store column (docs/imports.md).
    /// </summary>
    public Outcome Save(IEnumerable<IFormFile> files, IReadOnlyCollection<FileKind>? kinds = null, string? store = null)
    {
        var messages = new List<IHtmlContent>();
        var errors = new List<IHtmlContent>();
        store = string.IsNullOrWhiteSpace(store) ? null : store.Trim();
        if (store is not null && StoreFolderRefusal(store) is { } badStore)
        {
            return Outcome.Of([], [badStore]);
        }

        var folder = store is null ? InboxPath : Path.Combine(InboxPath, store);
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName);
            if (Refusal(file, store is null ? name : $"{store}/{name}", kinds) is { } refused)
            {
                errors.Add(Join($"{name}: ", refused));
                continue;
            }

            var target = Path.Combine(folder, name);
            var partial = Path.Combine(folder, "~" + name + ".part");
            try
            {
                using (var stream = File.Create(partial))
                {
                    file.CopyTo(stream);
                }

                File.Move(partial, target, overwrite: true);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                File.Delete(partial);
                errors.Add(Text($"{name}: " + Lang.T($"无法写入收件箱（{error.Message}）。", $"it could not be written to the inbox ({error.Message}).")));
                continue;
            }

            messages.Add(Text(Lang.T($"{name} 已放入收件箱（{file.Length:N0} 字节）。", $"{name} is in the inbox ({file.Length:N0} bytes).")));
        }

        return new Outcome(messages, errors);
    }

    /// <summary>
    /// The ingest job on the inbox (load, then recompute): a line per file, and the failed checks. <paramref name="kinds"/>
    /// limits the run to those kinds (the training page: courses and training), whose files alone it loads and lists.
    /// </summary>
    public Outcome Run(IReadOnlyCollection<FileKind>? kinds = null)
    {
        Directory.CreateDirectory(InboxPath);
        // The ingest job's own code, in the request, so the page shows what it loaded; ingests in one process queue
        // behind each other, so this never overlaps the scheduled one. The snapshot follows on the job server.
        var result = IngestJob.Run(warehouse, new EtlOptions { Inbox = InboxPath, Kinds = kinds });
        if (SnapshotJob.Follows(result.Recompute))
        {
            jobs.Enqueue<ScheduledJobs>(scheduled => scheduled.WriteSnapshot());
        }

        IReadOnlyList<IHtmlContent> messages = result.Files.Count == 0
            ? [Text(Lang.T("收件箱里没有新文件。", "No new files in the inbox."))]
            : result.Files.Select(f => Join($"{f.Report.File}: {Words.FileOutcome(f.Report.Outcome)} · {f.Report.Layout ?? "-"} · {f.Report.Loaded:N0}/{f.Report.Read:N0}",
                // a refused or skipped file's reason and a loaded file's notes, worded from their codes for the admin to
                // act on; the outcome word already says what an already-loaded file's reason would
                f.Report.Outcome is CsKpi.Etl.FileOutcome.Rejected or CsKpi.Etl.FileOutcome.Skipped ? Join(" ", EtlWords.Reason(f.Report.Why, f.Report.Reason))
                : f.Report.Notes.Count > 0 ? Join(" ", EtlWords.Notes(EtlReason.ListJson(f.Report.Notes), f.Report.Note)) : "")).ToList();
        IReadOnlyList<IHtmlContent> errors = result.Recompute is { Failures.Count: > 0 } failed ? failed.Failures.Select(f => Text(f.ToString()!)).ToList() : [];
        return new Outcome(messages, errors);
    }

    /// <summary>Why a store name cannot be an inbox folder, or null.</summary>
    private static string? StoreFolderRefusal(string store) =>
        store.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0 || store is "." or ".." || store[0] is '.' or '~'
            ? Lang.T($"店铺名“{store}”不能用作文件夹名（不能含 / \\ : * ? \" < > |，也不能以 . 或 ~ 开头）。",
                $"the store name '{store}' cannot be a folder name (no / \\ : * ? \" < > |, and it may not start with . or ~).")
            : Enum.GetValues<FileKind>().Any(k => string.Equals(k.ContractName(), store, StringComparison.OrdinalIgnoreCase))
                ? Lang.T($"“{store}”是文件类型的名字，不能用作店铺名。", $"'{store}' is the name of a kind of file, not a store.")
                : null;

    /// <summary>Why a file may not go to the inbox, or null: size, the contract's naming rules and kinds, and its first bytes.</summary>
    private object? Refusal(IFormFile file, string name, IReadOnlyCollection<FileKind>? kinds)
    {
        if (file.Length == 0)
        {
            return Lang.T("文件是空的。", "the file is empty.");
        }

        if (file.Length > MaxFileBytes)
        {
            return Lang.T($"文件超过上限 {MaxFileBytes:N0} 字节。", $"the file is larger than the limit of {MaxFileBytes:N0} bytes.");
        }

        if (Encoding.UTF8.GetByteCount(name) is var nameBytes and > MaxNameBytes)
        {
            return Lang.T($"文件名有 {nameBytes} 字节，最多 {MaxNameBytes} 字节（约 80 个汉字）：请改短文件名。",
                $"the file name is {nameBytes} bytes long; at most {MaxNameBytes} bytes (about 80 Chinese characters) are allowed: shorten the name.");
        }

        if (DataContract.Classify(name) is not ContractFile contract)
        {
            return EtlWords.Reason(((NotAContractFile)DataContract.Classify(name)).Reason, null);
        }

        if (kinds is not null && (contract.Kind is not { } kind || !kinds.Contains(kind)))
        {
            var allowed = string.Join("、", kinds.Select(k => k.ToString().ToLowerInvariant() + "_"));
            return Lang.T($"这里只接受以 {allowed} 开头的文件。", $"only files whose names start with {allowed} are accepted here.");
        }

        Span<byte> head = stackalloc byte[512];
        using var stream = file.OpenReadStream();
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        var looksRight = contract switch
        {
            { Gzipped: true } => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b,
            { Format: FileFormat.Parquet } => head.StartsWith("PAR1"u8),
            // An .xlsx is a zip archive.
            { Format: FileFormat.Xlsx } => head.StartsWith("PK\x03\x04"u8),
            // Excel's "Unicode text" (UTF-16 with its byte order mark) has a NUL in every other byte.
            _ when head is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] => true,
            // Text: no NUL bytes, and not a zip (an Excel workbook renamed .csv).
            _ => !head.Contains((byte)0) && !head.StartsWith("PK"u8),
        };
        return looksRight ? null : Lang.T($"内容与扩展名不符（应为 {contract.Format}{(contract.Gzipped ? " gzip" : "")}）。", $"its content does not match its extension ({contract.Format}{(contract.Gzipped ? " gzip" : "")} expected).");
    }
}
