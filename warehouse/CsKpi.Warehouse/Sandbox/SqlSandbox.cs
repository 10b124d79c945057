using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>Limits of one sandboxed query.</summary>
public sealed record SandboxOptions
{
    public static readonly SandboxOptions Default = new();

    /// <summary>The query is interrupted after this long, reading its rows included.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>DuckDB's memory_limit inside the worker: what its buffer manager (joins, sorts, aggregates) may hold.</summary>
    public string MemoryLimit { get; init; } = "1GB";

    /// <summary>
    /// What the operating system lets the whole worker process hold (RLIMIT_DATA): DuckDB's limit plus what it does
    /// not count (strings and lists a query builds, the .NET runtime). Past it an allocation fails and the query with it.
    /// </summary>
    public long WorkerMemoryBytes { get; init; } = 1536L * 1024 * 1024;

    /// <summary>The largest row the worker hands over; it bounds what a reader of the result holds per row.</summary>
    public int MaxRowBytes { get; init; } = 256 * 1024;

    public int Threads { get; init; } = 2;

    /// <summary>
    /// The Parquet lake's root, the one folder besides the snapshot the engine may read (the snapshot's <c>lake.*</c>
    /// views read it); null: none. Every other file stays out of reach.
    /// </summary>
    public string? LakeDirectory { get; init; }
}

/// <summary>A query the sandbox refused or stopped, with a message meant for the analyst who wrote it (cskpi's, in
/// English) and the same as a code and value, so the site can say it in the viewer's language.</summary>
public sealed class SqlSandboxException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>empty, no_snapshot, time_limit, lost, not_a_query, parse, statements, permission, locked, out_of_memory,
    /// row_too_big (detail: row|KB|column), duckdb (DuckDB's own error) or error.</summary>
    public string Reason { get; init; } = "error";

    /// <summary>The value the reason needs: the statement's keyword, the seconds, the count, DuckDB's message.</summary>
    public string? Detail { get; init; }
}

/// <summary>
/// Runs an analyst's query on the analyst snapshot (interfaces.md), never on the live warehouse, in a sandbox an
/// analyst cannot talk their way out of. Each layer would stop most attacks alone; together they leave no way out:
/// <list type="bullet">
/// <item>a process of its own (<see cref="SandboxWorker"/>) whose memory the operating system bounds, so no query
/// grows the site or <c>cskpi</c>, and which a time limit or a cancelled request kills at any instant;</item>
/// <item>in it, a DuckDB engine on the snapshot file, opened read-only: nothing can be created, changed or dropped;</item>
/// <item>the engine starts with <c>enable_external_access = false</c> (no file of the machine can be read or written:
/// <c>read_csv</c>, <c>glob</c>, <c>COPY</c>, <c>EXPORT</c>, <c>ATTACH</c>, <c>INSTALL</c>/<c>LOAD</c>), a memory limit,
/// no temporary folder, and <c>lock_configuration = true</c>, so no <c>SET</c>/<c>RESET</c>/<c>PRAGMA</c> can undo any of it;</item>
/// <item>the text must parse as exactly one SELECT-like statement (DuckDB's own parser, through
/// <c>json_serialize_sql</c>), which also shuts out temporary tables, which a read-only engine would allow;</item>
/// <item>rows of at most <see cref="SandboxOptions.MaxRowBytes"/> come back, one at a time.</item>
/// </list>
/// </summary>
public sealed class SqlSandbox(string snapshotPath, SandboxOptions? options = null)
{
    internal const string OutOfMemory = "The query needs more memory than the sandbox allows. Aggregate, filter or select fewer columns, and build no huge strings or lists.";

    private readonly SandboxOptions limits = options ?? SandboxOptions.Default;

    public string SnapshotPath { get; } = Path.GetFullPath(snapshotPath);

    public SandboxOptions Limits => limits;

    /// <summary>
    /// Runs <paramref name="query"/> and hands its open reader to <paramref name="read"/>, which may stream the rows
    /// (the result is not materialised). The time limit covers reading too. A refusal, or a failure at the start,
    /// is thrown before <paramref name="read"/> is called.
    /// </summary>
    /// <exception cref="SqlSandboxException">The query was refused, failed, or ran past the time limit.</exception>
    public T Run<T>(string query, Func<DbDataReader, T> read, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(read);
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new SqlSandboxException("The query is empty; write one SELECT statement.") { Reason = "empty" };
        }

        if (!File.Exists(SnapshotPath))
        {
            throw new SqlSandboxException(
                $"There is no analyst snapshot at {SnapshotPath} yet. It is written after each ingest that loads something; `cskpi snapshot` writes one now.") { Reason = "no_snapshot" };
        }

        using var worker = SandboxProcess.Start(new SandboxRequest(query, Path.GetFileName(SnapshotPath), limits.MemoryLimit,
            limits.Threads, limits.WorkerMemoryBytes, limits.MaxRowBytes)
        {
            LakeDirectory = string.IsNullOrWhiteSpace(limits.LakeDirectory) ? null : Path.GetFullPath(limits.LakeDirectory),
        }, Path.GetDirectoryName(SnapshotPath)!);
        using var timeLimit = new CancellationTokenSource(limits.TimeLimit);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(timeLimit.Token, cancellation);
        using var interrupt = both.Token.Register(worker.Kill);
        try
        {
            using var reader = SandboxReader.Open(worker.Output);
            var result = read(reader);
            both.Token.ThrowIfCancellationRequested();
            return result;
        }
        catch (Exception error) when (timeLimit.IsCancellationRequested && !cancellation.IsCancellationRequested
            && error is OperationCanceledException or SandboxWorkerLostException)
        {
            throw new SqlSandboxException(string.Create(CultureInfo.InvariantCulture,
                $"The query ran past the time limit of {limits.TimeLimit.TotalSeconds:0.#} s and was stopped. Narrow it (a shorter date range, fewer columns, an aggregate) and run it again."), error)
            {
                Reason = "time_limit", Detail = limits.TimeLimit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture),
            };
        }
        catch (SandboxWorkerLostException lost) when (!cancellation.IsCancellationRequested)
        {
            var why = worker.WhyLost();
            throw new SqlSandboxException(why, lost) { Reason = "lost", Detail = why };
        }
        catch (SandboxWorkerLostException lost)
        {
            throw new OperationCanceledException("the sandboxed query was cancelled", lost, cancellation);
        }
    }

    /// <summary>Lets one SELECT-like statement through (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, PIVOT).</summary>
    internal static void Admit(DuckDBConnection connection, string query)
    {
        var serialized = connection.ExecuteScalar<string>("select json_serialize_sql($query::varchar)", new { query })!;
        using var parsed = JsonDocument.Parse(serialized);
        var root = parsed.RootElement;
        if (root.GetProperty("error").GetBoolean())
        {
            var type = root.TryGetProperty("error_type", out var t) ? t.GetString() : null;
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() : null;
            throw type == "not implemented" && message?.Contains("Only SELECT", StringComparison.Ordinal) == true
                ? new SqlSandboxException($"Only queries can run here (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE); {Keyword(query)} statements are refused: the analyst snapshot is read-only and this sandbox changes nothing.")
                {
                    Reason = "not_a_query", Detail = Keyword(query),
                }
                : new SqlSandboxException($"The query does not parse: {message}") { Reason = "parse", Detail = message };
        }

        var statements = root.GetProperty("statements").GetArrayLength();
        if (statements != 1)
        {
            throw new SqlSandboxException($"Run one statement at a time; this text holds {statements}.")
            {
                Reason = "statements", Detail = statements.ToString(CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>The statement's first word, as the analyst wrote it, for the refusal message.</summary>
    private static string Keyword(string query)
    {
        var text = query.AsSpan().TrimStart();
        while (text.StartsWith("--") || text.StartsWith("/*"))
        {
            var end = text.StartsWith("--") ? text.IndexOf('\n') : text.IndexOf("*/");
            text = end < 0 ? [] : text[(end + (text.StartsWith("--") ? 1 : 2))..].TrimStart();
        }

        var word = new string(text.ToArray().TakeWhile(char.IsLetter).ToArray());
        return word.Length == 0 ? "such" : word.ToUpperInvariant();
    }

    /// <summary>DuckDB's error as the sandbox's refusal: the sandbox's reason first where a limit was what stopped the
    /// query, and DuckDB's words as the detail.</summary>
    internal static SqlSandboxException Refusal(string message)
    {
        var first = message.Split('\n', 2)[0].Trim();
        if (first.StartsWith("Permission Error", StringComparison.Ordinal))
        {
            return new($"The SQL sandbox cannot reach files, the network or extensions, and its settings are locked. ({first})") { Reason = "permission", Detail = first };
        }

        if (first.Contains("configuration has been locked", StringComparison.Ordinal))
        {
            return new($"The sandbox's settings are locked and cannot be changed. ({first})") { Reason = "locked", Detail = first };
        }

        if (first.StartsWith("Out of Memory Error", StringComparison.Ordinal))
        {
            return new($"{OutOfMemory} ({first})") { Reason = "out_of_memory", Detail = first };
        }

        return new(message.TrimEnd()) { Reason = "duckdb", Detail = message.TrimEnd() };
    }
}
