namespace CsKpi.Etl;

/// <summary>The kinds of file the data contract accepts (data-contract.md), and the CS tools' per-agent reports (issue 16).</summary>
public enum FileKind
{
    Agents,
    Chats,
    Orders,
    Courses,
    Training,
    Ratings,
    /// <summary>A CS tool's per-agent performance report (赤兔 售前, 千牛/拼多多 客服数据): one row per agent and period.</summary>
    AgentReport,
}

public enum FileFormat
{
    /// <summary>Delimited text: comma-separated in UTF-8 or GBK, or Excel's tab-separated "Unicode text" (UTF-16).</summary>
    Csv,
    JsonLines,
    Parquet,
    /// <summary>An Excel workbook; one sheet of it is read (<see cref="XlsxStager"/>).</summary>
    Xlsx,
    /// <summary>Chat messages copied from 千牛's chat window as text (<see cref="TranscriptStager"/>).</summary>
    Transcript,
}

/// <summary>What the inbox scan makes of one file: a <see cref="ContractFile"/> or a <see cref="NotAContractFile"/>.</summary>
public abstract record InboxFile(string RelativePath);

/// <summary>
/// A file the ETL will read: its kind (null when neither its name nor its folder says it: its header will), its format,
/// and whether it is gzip-compressed.
/// </summary>
public sealed record ContractFile(string RelativePath, FileKind? Kind, FileFormat Format, bool Gzipped)
    : InboxFile(RelativePath)
{
    /// <summary>The inbox sub-folder the file sits in when that folder is not a kind's: the store of rows that name none.</summary>
    public string? StoreFolder { get; init; }
}

/// <summary>A file the ETL leaves alone, with the reason a person can act on.</summary>
public sealed record NotAContractFile(string RelativePath, EtlReason Reason) : InboxFile(RelativePath);

/// <summary>
/// Tells a file's kind from its name prefix (<c>orders_2026-01.csv</c>) or from the sub-folder of the inbox it
/// sits in (<c>chats/2026-01.parquet</c>), and its format from its extension. A first sub-folder that is not a kind's
/// names the store (<c>京东旗舰店/订单导出.csv</c>, <c>京东旗舰店/orders/…</c>); a file whose name and folders give no
/// kind is left for its header to tell (docs/imports.md).
/// </summary>
public static class DataContract
{
    private static readonly IReadOnlyList<(string Name, FileKind Kind)> Kinds =
        Enum.GetValues<FileKind>().Select(kind => (kind.ContractName(), kind)).ToList();

    /// <summary>The kinds as reasons list them: agents, chats, orders, courses, training, ratings.</summary>
    internal static readonly string KindList = string.Join(", ", Kinds.Select(k => k.Name));

    /// <summary>The kind's name as the contract and the file names spell it, e.g. <c>orders</c>.</summary>
    public static string ContractName(this FileKind kind) => kind == FileKind.AgentReport ? "agent_report" : kind.ToString().ToLowerInvariant();

    /// <summary>Classifies <paramref name="path"/>, a file inside <paramref name="inbox"/>.</summary>
    public static InboxFile Classify(string inbox, string path) =>
        Classify(Path.GetRelativePath(Path.GetFullPath(inbox), Path.GetFullPath(path)));

    /// <summary>Classifies a file by its path relative to the inbox, e.g. <c>chats/2026-01.parquet</c>.</summary>
    public static InboxFile Classify(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var segments = relativePath.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries)
            .Where(segment => segment != ".")
            .ToArray();
        var display = string.Join('/', segments);
        if (segments.Length == 0 || segments.Contains(".."))
        {
            return new NotAContractFile(relativePath, new EtlReason("skip.outside_inbox"));
        }

        var fileName = segments[^1];
        if (fileName.StartsWith('.') || fileName.StartsWith('~'))
        {
            return new NotAContractFile(display, new EtlReason("skip.hidden"));
        }

        var format = FormatOf(fileName);
        if (format.Problem is { } problem)
        {
            return new NotAContractFile(display, problem);
        }

        // The first folder under the inbox names the kind for everything below it; a first folder that is not a kind
        // names the store, and the folder below it may name the kind.
        var folders = segments[..^1];
        var storeFolder = folders.Length > 0 && KindNamed(folders[0]) is null ? folders[0] : null;
        var kindFolder = storeFolder is null ? folders.FirstOrDefault() : folders.Skip(1).FirstOrDefault();
        var folderKind = kindFolder is null ? null : KindNamed(kindFolder);
        var nameKind = KindPrefixing(fileName);
        if (format.Format == FileFormat.Transcript)
        {
            return IsTranscript(fileName, folderKind, nameKind)
                ? new ContractFile(display, FileKind.Chats, FileFormat.Transcript, format.Gzipped) { StoreFolder = storeFolder }
                : new NotAContractFile(display, new EtlReason("skip.txt"));
        }

        return (folderKind, nameKind) switch
        {
            ({ } folder, { } name) when folder != name => new NotAContractFile(display,
                new EtlReason("skip.wrong_folder", ("folder", folder.ContractName()), ("prefix", name.ContractName()))),
            // Neither says the kind: the header will (a Taobao ExportOrderList…, an HR roster named 花名册.csv).
            _ => new ContractFile(display, folderKind ?? nameKind, format.Format, format.Gzipped) { StoreFolder = storeFolder },
        };
    }

    /// <summary>
    /// A <c>.txt</c> is a chat transcript when its name or folder says chats (<c>chats_….txt</c>, <c>chats/…</c>) or its
    /// name says 聊天记录; any other text file is left alone, as before.
    /// </summary>
    private static bool IsTranscript(string fileName, FileKind? folderKind, FileKind? nameKind) =>
        (folderKind ?? nameKind) == FileKind.Chats
        || (folderKind is null && nameKind is null && fileName.Contains("聊天记录", StringComparison.Ordinal));

    private static FileKind? KindNamed(string folder) =>
        Kinds.Where(k => string.Equals(k.Name, folder, StringComparison.OrdinalIgnoreCase)).Select(k => (FileKind?)k.Kind).FirstOrDefault();

    private static FileKind? KindPrefixing(string fileName) =>
        Kinds.Where(k => fileName.StartsWith(k.Name, StringComparison.OrdinalIgnoreCase)).Select(k => (FileKind?)k.Kind).FirstOrDefault();

    private static (FileFormat Format, bool Gzipped, EtlReason? Problem) FormatOf(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        var gzipped = name.EndsWith(".gz", StringComparison.Ordinal);
        var inner = gzipped ? name[..^3] : name;

        if (inner.EndsWith(".csv", StringComparison.Ordinal))
        {
            return (FileFormat.Csv, gzipped, null);
        }

        if (inner.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            return (FileFormat.JsonLines, gzipped, null);
        }

        if (inner.EndsWith(".parquet", StringComparison.Ordinal))
        {
            return gzipped
                // Parquet compresses inside the file; a gzipped Parquet file is one no reader opens directly.
                ? (FileFormat.Parquet, true, new EtlReason("skip.parquet_gz"))
                : (FileFormat.Parquet, false, null);
        }

        if (inner.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            return gzipped
                // An .xlsx is a zip archive already.
                ? (FileFormat.Xlsx, true, new EtlReason("skip.xlsx_gz"))
                : (FileFormat.Xlsx, false, null);
        }

        if (inner.EndsWith(".txt", StringComparison.Ordinal))
        {
            // Whether it is a transcript depends on its name and folder (IsTranscript).
            return (FileFormat.Transcript, gzipped, null);
        }

        var problem = Path.GetExtension(inner) switch
        {
            ".json" => new EtlReason("skip.json"),
            ".xls" => new EtlReason("skip.xls"),
            ".part" or ".tmp" or ".crdownload" or ".partial" => new EtlReason("skip.partial"),
            "" => new EtlReason("skip.no_extension"),
            var other => new EtlReason("skip.extension", ("extension", other)),
        };
        return (FileFormat.Csv, gzipped, problem);
    }
}
