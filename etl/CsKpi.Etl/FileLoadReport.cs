namespace CsKpi.Etl;

/// <summary>What became of one inbox file: <c>read = loaded + duplicates + rejected</c>.</summary>
/// <param name="Layout">The export layout its header matched (docs/imports.md), e.g. taobao-orders; null when none did.</param>
/// <param name="Note">What a person should know of a loaded file: orders that cannot be credited, item rows merged, where its store came from.</param>
public sealed record FileLoadReport(
    string File,
    string Kind,
    string Outcome,
    long Read,
    long Loaded,
    long Duplicates,
    long Rejected,
    string? Reason = null,
    IReadOnlyList<string>? ExtraColumns = null,
    string? Layout = null,
    string? Note = null)
{
    /// <summary>Why a file was rejected, skipped or not read again, as a code and its values (<see cref="Reason"/> is its English).</summary>
    public EtlReason? Why { get; init; }

    /// <summary>The notes of a loaded file as codes and values (<see cref="Note"/> is their English).</summary>
    public IReadOnlyList<EtlReason> Notes { get; init; } = [];
}

/// <summary>The outcomes a file can have, as the ledger and the command line spell them.</summary>
public static class FileOutcome
{
    /// <summary>Its rows were read; some may have been duplicates or rejected.</summary>
    public const string Loaded = "loaded";

    /// <summary>The whole file was refused, for the report's reason.</summary>
    public const string Rejected = "rejected";

    /// <summary>The same content was loaded (or refused) before; nothing was read.</summary>
    public const string AlreadyLoaded = "already_loaded";

    /// <summary>Not a contract file (unknown kind or format); left alone.</summary>
    public const string Skipped = "skipped";
}
