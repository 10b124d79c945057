using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CsKpi.Etl.Layouts;
using CsKpi.Warehouse;
using Dapper;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace CsKpi.Etl;

/// <summary>Where the inbox is and how its files are read.</summary>
public sealed record EtlOptions
{
    public string Inbox { get; init; } = "data/inbox";
    /// <summary>Where GBK and gzip files are transcoded to UTF-8 for DuckDB; default: beside the warehouse.</summary>
    public string? TempDirectory { get; init; }
    /// <summary>The store's time zone (data contract: setting <c>timezone</c>, default Asia/Shanghai).</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";
    /// <summary>
    /// The store of files that name none, neither in a store column nor by the inbox sub-folder they sit in
    /// (<c>cskpi ingest --store NAME</c>).
    /// </summary>
    public string? Store { get; init; }
    /// <summary>
    /// The kinds this run loads and reports (null: every kind, and the files that are not contract files). The
    /// training page's upload loads courses and training only; the rest of the inbox waits for the scheduled ingest.
    /// </summary>
    public IReadOnlyCollection<FileKind>? Kinds { get; init; }
    /// <summary>How far a gzip file may expand (<see cref="GzipLimits.Default"/>: 100 times its size, 4 GiB in all).</summary>
    public GzipLimits Gzip { get; init; } = GzipLimits.Default;
    /// <summary>
    /// The stores this warehouse may hold when it is a shard (<c>Jobs:Shards:{name}:Stores</c>); null, or a shard that
    /// lists no store, loads every store's files.
    /// </summary>
    public ShardStores? Shard { get; init; }
}

/// <summary>
/// A shard's store list, as its ingest enforces it: a file whose good rows name a store not in <see cref="Stores"/>
/// is refused whole (nothing of it loads into this shard), with where that store belongs (<see cref="Elsewhere"/>:
/// another shard's name and inbox) or that no shard lists it.
/// </summary>
public sealed record ShardStores(string Name, IReadOnlyList<string> Stores, IReadOnlyDictionary<string, StoreHome> Elsewhere)
{
    /// <summary>The reason codes of a refusal; a file refused so is read again at the next ingest (the list may have changed).</summary>
    public static readonly string[] RefusalCodes = ["file.store_other_shard", "file.store_no_shard"];

    /// <summary>Why a file of <paramref name="store"/> (not one of this shard's) is refused, and what to do about it.</summary>
    public EtlReason Refusal(string store) => Elsewhere.TryGetValue(store, out var home)
        ? new EtlReason("file.store_other_shard", ("store", store), ("owner", home.Shard), ("inbox", home.Inbox), ("shard", Name), ("stores", string.Join(", ", Stores)))
        : new EtlReason("file.store_no_shard", ("store", store), ("shard", Name), ("stores", string.Join(", ", Stores)));
}

/// <summary>The shard that lists a store, and the inbox its files go to.</summary>
public sealed record StoreHome(string Shard, string Inbox);

/// <summary>
/// Loads inbox files into the raw layer, each exactly once: a file's rows, its rejects, its touched days and its
/// ledger entry commit in one transaction, so a crash leaves the warehouse as if the file had never been started.
/// DuckDB reads the file (all columns as text) into a staging table, or for a clean chat file a view of its reader
/// (<see cref="LoadFromStageView"/>); the kind's <c>sql/raw/*.sql</c> validates, deduplicates and inserts in set-based SQL.
/// </summary>
public sealed class InboxLoader(WarehouseDatabase warehouse, EtlOptions options)
{
    private static readonly Dictionary<FileKind, string> Script = new()
    {
        [FileKind.Agents] = "raw/roster_snapshot.sql",
        [FileKind.Chats] = "raw/chat_message.sql",
        [FileKind.Orders] = "raw/order_state.sql",
        [FileKind.Courses] = "raw/course_version.sql",
        [FileKind.Training] = "raw/training_event.sql",
        [FileKind.Ratings] = "raw/rating.sql",
        [FileKind.AgentReport] = "raw/agent_report.sql",
    };

    private string TempDirectory => options.TempDirectory
        ?? (warehouse.IsInMemory ? Path.Combine(Path.GetTempPath(), "cskpi-etl") : warehouse.CanonicalPath + ".etl");

    /// <summary>Loads every file of the inbox not loaded before, reference data first, then by name.</summary>
    public IReadOnlyList<FileLoadReport> IngestInbox(CancellationToken cancellation = default)
    {
        // One ingest at a time per warehouse (WarehouseLocks.Ingest says why).
        lock (warehouse.Locks.Ingest)
        {
            RemoveLeftoverTemporaryFiles();
            return IngestInboxAlone(cancellation);
        }
    }

    /// <summary>
    /// Transcoded copies a killed ingest left behind (a crash skips PreparedFile.Dispose); safe to delete because this
    /// process owns the warehouse and no other ingest of it is running.
    /// </summary>
    private void RemoveLeftoverTemporaryFiles()
    {
        if (!Directory.Exists(TempDirectory))
        {
            return;
        }

        foreach (var leftover in Directory.EnumerateFiles(TempDirectory, "cskpi-*"))
        {
            File.Delete(leftover);
        }
    }

    private IReadOnlyList<FileLoadReport> IngestInboxAlone(CancellationToken cancellation)
    {
        if (!Directory.Exists(options.Inbox))
        {
            throw new DirectoryNotFoundException($"The inbox {Path.GetFullPath(options.Inbox)} does not exist; create it or pass --inbox DIR.");
        }

        var files = Directory.EnumerateFiles(options.Inbox, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, File: DataContract.Classify(options.Inbox, path)))
            .ToList();
        var reports = new List<FileLoadReport>();
        foreach (var (path, file) in files.Where(f => f.File is NotAContractFile && !IsHidden(f.File) && options.Kinds is null).OrderBy(f => f.File.RelativePath, StringComparer.Ordinal))
        {
            var skipped = (NotAContractFile)file;
            reports.Add(new FileLoadReport(file.RelativePath, "-", FileOutcome.Skipped, 0, 0, 0, 0, skipped.Reason.Text()) { Why = skipped.Reason });
        }

        var contractFiles = files.Where(f => f.File is ContractFile)
            .Select(f => (f.Path, File: (ContractFile)f.File))
            .Where(f => options.Kinds is null || f.File.Kind is { } kind && options.Kinds.Contains(kind))
            .OrderBy(f => LoadLanes.Rank(f.File.Kind))
            .ThenBy(f => f.File.RelativePath, StringComparer.Ordinal)
            .ToList();
        reports.AddRange(LoadLanes.Load(contractFiles, IngestFile, cancellation));
        return reports;
    }

    private static bool IsHidden(InboxFile file) => Path.GetFileName(file.RelativePath) is ['.', ..] or ['~', ..];

    private FileLoadReport IngestFile(string path, ContractFile file)
    {
        // Until this file's load commits or gives up, a recompute does not count its ledger id as done. Each attempt
        // below opens its own connection: nothing of a failed attempt's session (temp tables, variables) carries over.
        using var connection = warehouse.OpenConnection();
        using var inFlight = warehouse.LoadsInFlight.Begin(connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return IngestFileAlone(path, file);
            }
            catch (DuckDBException e) when (attempt < 3 && e.ErrorType is DuckDBErrorType.Constraint or DuckDBErrorType.Transaction)
            {
                // A lane beside this one committed a row this load also writes (the first file of a new store: both
                // insert its app.store row) after this transaction began. The load rolled back whole; now it sees the
                // row, and loads as if the files had gone one after the other.
            }
        }
    }

    private FileLoadReport IngestFileAlone(string path, ContractFile file)
    {
        var kind = file.Kind?.ContractName() ?? "-";
        // The content hash (the ledger's key) and the preparation (a UTF-8 check, or a transcoding) each read the whole
        // file, one thread each: side by side they take one read's time on two cores (at 10 million messages, 1.3 GB,
        // about a fifth of DuckDB's own read of the file). A file already loaded is then prepared for nothing.
        var hashing = Task.Run(() => ContentHash(path));
        var size = new FileInfo(path).Length;
        var started = DateTime.Now;
        PreparedFile? prepared = null;
        UnreadableFileException? unreadable = null;
        string hash;
        try
        {
            try
            {
                prepared = FilePreparer.Prepare(path, file, TempDirectory, options.Gzip, file.Format == FileFormat.Transcript ? StoreOf(file)?.Name : null);
            }
            catch (UnreadableFileException e)
            {
                unreadable = e;
            }

            hash = hashing.GetAwaiter().GetResult();
        }
        catch
        {
            prepared?.Dispose();
            // Not left reading the file in the background after a failure.
            ((IAsyncResult)hashing).AsyncWaitHandle.WaitOne();
            throw;
        }

        using var connection = warehouse.OpenConnection();
        var earlier = Earlier(connection, hash);
        if (earlier is not null)
        {
            prepared?.Dispose();
            var why = new EtlReason("file.already_loaded", ("outcome", "outcome." + earlier.Outcome),
                ("at", earlier.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), ("file", earlier.FileName));
            return new FileLoadReport(file.RelativePath, kind, FileOutcome.AlreadyLoaded, 0, 0, 0, 0, why.Text()) { Why = why };
        }

        if (prepared is null)
        {
            // Not prepared only when the preparation found the file unreadable.
            return RejectWhole(connection, file, hash, size, started, null, null, unreadable!.Reason);
        }

        using (prepared)
        {
            try
            {
                if (prepared.Format == FileFormat.Csv)
                {
                    CsvLimits.CheckHeader(prepared.ReadPath);
                }

                return LoadPrepared(connection, file, hash, size, started, prepared, mayShorten: prepared.Format == FileFormat.Csv);
            }
            catch (LineTooLongException)
            {
                // DuckDB failed the whole file over a line longer than it reads: again, with each such line a reject.
                try
                {
                    using var shortened = CsvLimits.WithoutLongLines(prepared, TempDirectory);
                    return LoadPrepared(connection, file, hash, size, started, shortened, mayShorten: false);
                }
                catch (UnreadableFileException e)
                {
                    return RejectWhole(connection, file, hash, size, started, prepared, null, e.Reason);
                }
            }
            catch (UnreadableFileException e)
            {
                return RejectWhole(connection, file, hash, size, started, prepared, null, e.Reason);
            }
        }
    }

    /// <summary>DuckDB refused a whole CSV file over a line too long to read (<see cref="CsvLimits.IsLineTooLong"/>).</summary>
    private sealed class LineTooLongException : Exception;

    /// <param name="mayShorten">Throw <see cref="LineTooLongException"/> rather than refuse the file over a line too long.</param>
    private FileLoadReport LoadPrepared(DuckDBConnection connection, ContractFile file, string hash, long size, DateTime started,
        PreparedFile prepared, bool mayShorten)
    {
        var source = SourceSql(prepared);
        IReadOnlyList<string> headers;
        try
        {
            headers = connection.Query<string>($"select column_name from (describe select * from {source.Describe})")
                .Where(header => header != prepared.LineColumn)
                .ToList();
        }
        catch (DuckDBException e) when (mayShorten && CsvLimits.IsLineTooLong(e))
        {
            throw new LineTooLongException();
        }
        catch (DuckDBException e)
        {
            return RejectWhole(connection, file, hash, size, started, prepared, null, Unreadable(prepared.Format, e));
        }

        if (LayoutMatcher.Match(file.Kind, headers) is not { } match)
        {
            return RejectWhole(connection, file, hash, size, started, prepared, null, LayoutMatcher.UnknownLayout(headers));
        }

        var (layout, mapping) = match;
        if (layout.Skip is { } skip)
        {
            // Recognised, and deliberately not loaded; the ledger keeps it, so the next scan does not read it again.
            return Skip(connection, file, hash, size, started, prepared, mapping, new EtlReason("file.skip." + skip, ("layout", layout.Title)));
        }

        var recognised = file with { Kind = layout.Kind };
        var store = StoreOf(recognised);
        var missing = mapping.MissingRequired.Where(c => c != "store_id" || store is null).ToList();
        if (missing.Count > 0)
        {
            return RejectWhole(connection, recognised, hash, size, started, prepared, mapping, MissingColumns(mapping, missing));
        }

        if (recognised.Kind == FileKind.AgentReport && mapping.Metrics.Count == 0)
        {
            return RejectWhole(connection, recognised, hash, size, started, prepared, mapping,
                new EtlReason("file.no_metrics", ("headers", string.Join(", ", mapping.Headers))));
        }

        return Load(connection, recognised, hash, size, started, prepared, source, mapping, store, mayShorten);
    }

    /// <summary>The store of rows without one: the inbox sub-folder named after the store, else --store; null for kinds without a store.</summary>
    private (string Name, string Source)? StoreOf(ContractFile file) =>
        !HasStore(file.Kind!.Value) ? null
            : file.StoreFolder is { } folder ? (folder, $"folder {folder}/")
            : options.Store is { Length: > 0 } given ? (given, $"--store {given}")
            : null;

    /// <summary>Whether rows of the kind belong to a store (orders, chats, the roster…; not courses).</summary>
    private static bool HasStore(FileKind kind) => ContractColumns.For(kind).Any(c => c.Name == "store_id");

    private static EtlReason MissingColumns(HeaderMapping mapping, List<string> missing)
    {
        var layout = mapping.Layout;
        var kind = layout.Kind!.Value;
        if (missing.SequenceEqual(["store_id"]))
        {
            return new EtlReason("file.store_unknown");
        }

        var columns = ContractColumns.For(kind).Where(c => missing.Contains(c.Name))
            .Select(c => layout.Columns.TryGetValue(c.Name, out var headers) && headers.Length > (layout.IsContract ? 1 : 0)
                ? $"{c.Name} ({string.Join(" / ", headers.Skip(layout.IsContract ? 1 : 0))})" : c.Name);
        var code = (layout.IsContract ? "file." : "file.layout_") + (missing.Count > 1 ? "columns_missing" : "column_missing");
        return new EtlReason(code, ("layout", layout.IsContract ? null : layout.Title), ("columns", string.Join(", ", columns)), ("headers", string.Join(", ", mapping.Headers)));
    }

    /// <summary>
    /// The statement of a load script that ends its use of <c>stage</c>. A script that has it (raw/chat_message.sql)
    /// and carries <c>summary_label</c> into <c>typed</c> can read the stage as a view of the file: see
    /// <see cref="LoadFromStageView"/>.
    /// </summary>
    private const string DropStage = "\ndrop table stage;";

    private FileLoadReport Load(DuckDBConnection connection, ContractFile file, string hash, long size, DateTime started,
        PreparedFile prepared, SourceStatements source, HeaderMapping mapping, (string Name, string Source)? store, bool mayShorten,
        bool stageAsView = true)
    {
        var fileKind = file.Kind!.Value;
        var layout = mapping.Layout;
        // Every value is cleaned once, here, for every kind and format: white space trimmed (tabs and line breaks
        // included) and the office forms (="…", '…, 元, full-width digits, - for empty) undone; see etl.clean_value.
        // Headers become contract columns and the layout's words contract values here, so sql/raw sees one shape.
        var select = LayoutStaging.SelectList(mapping, fileKind, store?.Name, quoted => $"etl.clean_value(cast({quoted} as varchar))");
        var buyerColumn = mapping.SourceByColumn.ContainsKey("buyer_id");
        // A totals row is told by its first value, whichever column that is (合计 under 订单编号 or under 店铺).
        var firstValue = $"coalesce({string.Join(", ", mapping.Headers.Select(h => $"nullif(cast({Sql.Quote(h)} as varchar), '')"))})";

        using var transaction = connection.BeginTransaction();
        var fileId = connection.ExecuteScalar<long>("select nextval('etl.file_id_seq')");
        connection.Execute($"""
            set variable file_id = {fileId}::bigint;
            set variable file_name = {Sql.Literal(file.RelativePath)};
            set variable time_zone = {Sql.Literal(options.TimeZone)};
            -- A query, not the bare word: "set variable x = current_date" stores the text 'current_date'. The load's
            -- day is the store's, like every other day of the warehouse.
            set variable load_day = (select cast(timezone(getvariable('time_zone'), now()) as date));
            -- A stage's lines are its line column; the stage as a view of a CSV file's reader leaves them NULL and
            -- sets this (the line of its first record) for raw/chat_message.sql, which numbers rows by their order.
            set variable first_line = null::bigint;
            """);
        // The English sentence of a row reject, made from its code by the one table of reasons (EtlReasons): the raw,
        // summary and malformed-row scripts store the code, its values and this sentence.
        connection.Execute(ReasonMacro);
        // What the layout's file lacks, for the raw scripts: no buyer column (orders load uncreditable), no refund column.
        connection.Execute($"""
            set variable buyer_column = {(buyerColumn ? "true" : "false")};
            set variable refund_column = {(mapping.SourceByColumn.ContainsKey("refund_amount") ? "true" : "false")};
            """);
        // A chats stage also has sent_at_read: the time as DuckDB's reader typed it, or NULL where sent_at is text
        // for sql/raw/chat_message.sql to parse (the staged way always; see ReaderTimestamp).
        var readColumn = fileKind == FileKind.Chats ? ", null::timestamp as sent_at_read" : "";
        var staged = $"select {source.Line} as line, etl.summary_label({firstValue}) as summary_label, {StagedColumns(mapping, fileKind, store, source, readColumn)}";
        var script = ScriptFor(fileKind);

        // What the stage as a view (or straight from the reader) could not load: undone, and loaded the staged way.
        FileLoadReport Staged()
        {
            transaction.Rollback();
            connection.Execute("drop table if exists etl_csv_errors; drop table if exists etl_csv_scans;");
            return Load(connection, file, hash, size, started, prepared, source, mapping, store, mayShorten, stageAsView: false);
        }

        if (stageAsView && fileKind == FileKind.Chats && prepared is { Format: FileFormat.Csv, NumberedPath: not null, LineColumn: null }
            && LayoutStaging.MergeItemRows(layout, fileKind) is null)
        {
            FileLoadReport? numbered;
            try
            {
                numbered = LoadNumbered(connection, transaction, file, hash, size, started, prepared, mapping, store, fileId, firstValue, mayShorten);
            }
            catch (LineTooLongException)
            {
                transaction.Rollback();
                throw;
            }

            // A record the reader rejected, a totals row, or an error: the staged way, which files each of them.
            return numbered ?? Staged();
        }

        if (stageAsView && LayoutStaging.MergeItemRows(layout, fileKind) is null && script.IndexOf(DropStage, StringComparison.Ordinal) is >= 0 and var dropAt)
        {
            // A CSV file's lines without row_number() over (): that window numbers the records on one thread, and
            // the whole statement that reads the view (the read, etl.clean_value, the parse) with it, about half of
            // a chat file's load. The script numbers them by their order instead (raw/chat_message.sql, typed), from
            // the line of the first record; a file the reader rejected a record of goes the staged way, so here every
            // record is a row.
            var line = source.Line;
            if (prepared.Format == FileFormat.Csv && prepared.LineColumn is null && fileKind == FileKind.Chats)
            {
                line = "null::bigint";
                connection.Execute($"set variable first_line = {2 + prepared.SkipLines}::bigint");
            }

            var viewed = $"select {line} as line, etl.summary_label({firstValue}) as summary_label, {select}{readColumn} from {source.Read(mapping.Headers)}";
            if (fileKind == FileKind.Chats && ReaderTimed(connection, prepared, source, mapping, store, quoted => $"etl.clean_value(cast({quoted} as varchar))") is { } timed)
            {
                // The reader types the time itself (a strict format, so a value it reads is the value etl.parse_timestamp
                // reads); a value it cannot read is a reject of the reader's, and the file goes the staged way.
                viewed = $"select {line} as line, etl.summary_label({firstValue}) as summary_label, {timed.Select}{timed.ReadColumn} "
                    + $"from {CsvRead(prepared, mapping.Headers, timed.Options, (timed.Header, "TIMESTAMP"))}";
            }

            bool loaded;
            try
            {
                loaded = LoadFromStageView(connection, prepared, viewed, script[..dropAt], mayShorten);
            }
            catch (LineTooLongException)
            {
                transaction.Rollback();
                throw;
            }

            if (!loaded)
            {
                // A reject of the reader's, a totals row, or an error: the staged way, which files each of them.
                return Staged();
            }

            connection.Execute(script[(dropAt + DropStage.Length)..]);
            return Finish(connection, transaction, file, hash, size, started, prepared, mapping, store, fileId, malformed: 0, summaries: 0, notes: []);
        }

        try
        {
            connection.Execute($"create or replace temp table stage as {staged}");
        }
        catch (DuckDBException e) when (mayShorten && CsvLimits.IsLineTooLong(e))
        {
            transaction.Rollback();
            throw new LineTooLongException();
        }
        catch (DuckDBException e)
        {
            transaction.Rollback();
            return RejectWhole(connection, file, hash, size, started, prepared, mapping, Unreadable(prepared.Format, e));
        }

        // A quote never closed swallows every later row into one value: loading the rows before it would half-load the file.
        if (prepared.Format == FileFormat.Csv && UnterminatedQuoteLine(connection) is { } unterminated)
        {
            transaction.Rollback();
            return RejectWhole(connection, file, hash, size, started, prepared, mapping, new EtlReason("file.unterminated_quote", ("line", unterminated)));
        }

        var malformed = prepared.Format == FileFormat.Csv ? RecordMalformedRows(connection, 1 + prepared.SkipLines) : 0;
        // Totals rows go before the item rows merge, so a 合计 row is never added into an order.
        var summaries = RecordSummaryRows(connection);
        var notes = new List<EtlReason>();
        if (LayoutStaging.MergeItemRows(layout, fileKind) is { } merge)
        {
            var rows = connection.ExecuteScalar<long>("select count(*) from stage");
            connection.Execute(merge);
            var orders = connection.ExecuteScalar<long>("select count(*) from stage");
            notes.Add(new EtlReason("note.item_rows", ("rows", rows), ("row", layout.ItemRows!.Row), ("orders", orders)));
        }

        connection.Execute(script);
        return Finish(connection, transaction, file, hash, size, started, prepared, mapping, store, fileId, malformed, summaries, notes);
    }

    /// <summary>
    /// The staged way's columns (then <paramref name="more"/>) and what they are read from: each source value cleaned by
    /// etl.clean_value as <see cref="LayoutStaging.SelectList"/> asks, through one lambda over the list of them. Its
    /// macros hold seven regular expressions, which DuckDB compiles where it binds each call: a call per column cost
    /// ≈ 2 ms of binding the stage (11 columns of an orders export ≈ 0.025 CPU s, a fixed cost of every file), one call
    /// over the list ≈ 3 ms in all.
    /// </summary>
    private static string StagedColumns(HeaderMapping mapping, FileKind kind, (string Name, string Source)? store, SourceStatements source, string more)
    {
        const string cleaned = "cskpi_cleaned";
        var read = source.Read(mapping.Headers);
        if (mapping.Headers.Contains(cleaned))
        {
            // a file's own column of that name would be shadowed by the list: a call per column then
            return $"{LayoutStaging.SelectList(mapping, kind, store?.Name, quoted => $"etl.clean_value(cast({quoted} as varchar))")}{more} from {read}";
        }

        var cleanedHeaders = new List<string>();
        var select = LayoutStaging.SelectList(mapping, kind, store?.Name, quoted =>
        {
            var place = cleanedHeaders.IndexOf(quoted);
            if (place < 0)
            {
                cleanedHeaders.Add(quoted);
                place = cleanedHeaders.Count - 1;
            }

            return $"{cleaned}[{place + 1}]";
        });
        return cleanedHeaders.Count == 0
            ? $"{select}{more} from {read}"
            : $"{select}{more} from (select *, list_transform([{string.Join(", ", cleanedHeaders.Select(h => $"cast({h} as varchar)"))}], "
              + $"v -> etl.clean_value(v)) as {cleaned} from {read})";
    }

    /// <summary>
    /// The kind's load script; a chats file's is the typed view before it (raw/chat_message_typed.sql) and the dedupe
    /// after it (raw/chat_message_dedupe.sql), which raw/chat_message_numbered.sql shares.
    /// </summary>
    private static string ScriptFor(FileKind kind) => kind == FileKind.Chats
        ? SqlScripts.Get("raw/chat_message_typed.sql") + "\n" + SqlScripts.Get(Script[kind]) + "\n" + SqlScripts.Get("raw/chat_message_dedupe.sql")
        : SqlScripts.Get(Script[kind]);

    /// <summary>
    /// A chat CSV file the preparer numbered (<see cref="PreparedFile.NumberedPath"/>), loaded straight from DuckDB's
    /// reader with no copy of its rows: the reader gives each record's line from the copy's first column, the good
    /// rows are inserted as they are read (raw/chat_message_numbered.sql), and the repeats and messages loaded before
    /// are taken out after (raw/chat_message_dedupe.sql). What the insert left out is known by count: the copy's
    /// records less the rows inserted. None (every export seen): nothing more is read. Some: they are read again
    /// (failures are filed as rejects here, at their lines); a totals row, a record the reader rejected, or counts that
    /// do not add up return null, and the caller rolls back and loads the file the staged way.
    /// </summary>
    private FileLoadReport? LoadNumbered(DuckDBConnection connection, DuckDBTransaction transaction, ContractFile file, string hash, long size,
        DateTime started, PreparedFile prepared, HeaderMapping mapping, (string Name, string Source)? store, long fileId, string firstValue,
        bool mayShorten)
    {
        var numberedFile = new PreparedFile(prepared.NumberedPath!, prepared.Format, prepared.Encoding, transcoded: false, prepared.SourceBytes)
        {
            Delimiter = prepared.Delimiter,
            SkipLines = prepared.SkipLines,
        };
        var types = new List<(string Column, string Type)> { (RecordNumbering.Column, "BIGINT") };
        // A column none of whose values etl.clean_value would change (the numbering pass looked at each value's first
        // and last character, the only ones its test reads) is not cleaned: the cleaning was ≈ 0.4–0.65× DuckDB's
        // whole read of the file, and a chat export's columns seldom hold a value it changes.
        var numbering = prepared.Numbering!.Value;
        // The numbering's marks are bits by a column's place in the file (the first 64); a quoted header's place, when
        // DuckDB's reader saw as many columns as the numbering did (its describe names each column once).
        var places = new Dictionary<string, int>(StringComparer.Ordinal);
        if (mapping.Headers.Count == numbering.HeaderFields)
        {
            for (var place = 0; place < Math.Min(64, mapping.Headers.Count); place++)
            {
                places.TryAdd(Sql.Quote(mapping.Headers[place]), place);
            }
        }

        bool Unmarked(ulong marks, string quoted) => places.TryGetValue(quoted, out var place) && (marks & (1UL << place)) == 0;
        string Clean(string quoted) => Unmarked(numbering.CleanColumns, quoted) ? $"cast({quoted} as varchar)" : $"etl.clean_value(cast({quoted} as varchar))";
        var select = LayoutStaging.SelectList(mapping, FileKind.Chats, store?.Name, Clean);
        var readColumn = ", null::timestamp as sent_at_read";
        var options = "";
        // A time column the numbering found only plain times in is typed by DuckDB's own cast, not by the format's
        // strptime (≈ 5 % of the plain read's CPU, r26): both read those values as the same time.
        bool PlainTimes(string header) => Unmarked(numbering.OtherTimes, Sql.Quote(header));
        if (ReaderTimed(connection, prepared, SourceSql(prepared), mapping, store, Clean, PlainTimes) is { } timed)
        {
            // The reader types the time, as the stage view does (Load).
            select = timed.Select;
            readColumn = timed.ReadColumn;
            types.Add((timed.Header, "TIMESTAMP"));
            options = timed.Options;
        }

        // The copy's columns are its line's and the file's, as the describe named them when it saw as many as the
        // numbering did (a header named like the line's column aside); else the reader sniffs the copy.
        var columns = mapping.Headers.Count == numbering.HeaderFields && !mapping.Headers.Contains(RecordNumbering.Column)
            ? [RecordNumbering.Column, .. mapping.Headers] : (IReadOnlyList<string>?)null;
        var read = CsvRead(numberedFile, columns, options, [.. types]);
        long inserted;
        try
        {
            connection.Execute($"""
                create or replace temp view stage as
                select {Sql.Quote(RecordNumbering.Column)} as line, {(numbering.MayHoldTotals ? $"etl.summary_label({firstValue})" : "null::varchar")} as summary_label,
                    {select}{readColumn}
                from {read}
                """);
            connection.Execute(SqlScripts.Get("raw/chat_message_typed.sql"));
            connection.Execute(SqlScripts.Get("raw/chat_message_numbered.sql"));
            inserted = connection.ExecuteScalar<long>("select count(*) from raw.chat_message where file_id = getvariable('file_id')");
        }
        catch (DuckDBException e) when (mayShorten && CsvLimits.IsLineTooLong(e))
        {
            throw new LineTooLongException();
        }
        catch (DuckDBException)
        {
            // An unreadable file or an unterminated quote: the staged way says which, as it always has.
            return null;
        }

        if (connection.ExecuteScalar<long>("select count(*) from etl_csv_errors") > 0)
        {
            return null;
        }

        long rejected = 0;
        if (inserted != prepared.NumberedRecords)
        {
            // Rows the insert left out: read again, only them kept.
            connection.Execute("""
                create or replace temp table failed as
                select line, failure, summary_label from typed_stage where failure is not null or summary_label is not null
                """);
            var (rows, summaries) = connection.QuerySingle<(long, long)>(
                "select count(*), count(*) filter (where summary_label is not null) from failed");
            if (summaries > 0 || inserted + rows != prepared.NumberedRecords || connection.ExecuteScalar<long>("select count(*) from etl_csv_errors") > 0)
            {
                return null;
            }

            connection.Execute("""
                insert into etl.rejects (file_id, file_name, line, column_name, value, reason, reason_code, reason_args)
                select getvariable('file_id'), getvariable('file_name'), line, failure.column_name, failure.value,
                       etl_reason_english(failure.code, failure.column_name, failure.value, failure.args), failure.code, failure.args
                from failed;
                drop table failed;
                """);
            rejected = rows;
        }

        connection.Execute("drop view typed_stage; drop view stage;");
        connection.Execute(SqlScripts.Get("raw/chat_message_dedupe.sql"));
        // The dedupe deleted each of its skipped lines, one row each (a line is one record of the file): no count of fresh.
        var loaded = inserted - connection.ExecuteScalar<long>("select getvariable('skipped_rows')");
        return Finish(connection, transaction, file, hash, size, started, prepared, mapping, store, fileId, malformed: 0, summaries: 0, notes: [],
            counts: (prepared.NumberedRecords, loaded, rejected));
    }

    /// <summary>
    /// The one format in which DuckDB's reader types a chat file's times (the stage as a view): the contract's plain
    /// form, and the first that etl.parse_timestamp tries, so a time the reader reads is the time the staged way reads.
    /// A numbered file whose time column holds only plain times is read without it (RecordNumbering.IsPlainTime).
    /// </summary>
    private const string ReaderTimestampFormat = "%Y-%m-%d %H:%M:%S";

    /// <summary>
    /// A chat CSV file's read with the time typed by the reader (<see cref="ReaderTimestamp"/>), or null when it cannot
    /// be: the select list with every other column through <paramref name="clean"/> and the time column left out, the
    /// <c>sent_at_read</c> column, the time's entry of read_csv's types and the reader's options for it.
    /// </summary>
    /// <param name="plainTimes">Whether a header's column holds only plain times (the numbering says), read without the format.</param>
    private static TimedRead? ReaderTimed(DuckDBConnection connection, PreparedFile prepared, SourceStatements source, HeaderMapping mapping,
        (string Name, string Source)? store, Func<string, string> clean, Func<string, bool>? plainTimes = null)
    {
        if (ReaderTimestamp(connection, prepared, source, mapping, plainTimes) is not { } timeHeader)
        {
            return null;
        }

        var quoted = Sql.Quote(timeHeader);
        return new TimedRead(
            LayoutStaging.SelectList(mapping, FileKind.Chats, store?.Name, q => q == quoted ? "null::varchar" : clean(q)),
            $", {quoted} as sent_at_read",
            timeHeader,
            plainTimes?.Invoke(timeHeader) == true ? ", rejects_limit=1" : $", timestampformat={Sql.Literal(ReaderTimestampFormat)}, rejects_limit=1");
    }

    /// <param name="Header">The time column, which the reader types as TIMESTAMP.</param>
    private sealed record TimedRead(string Select, string ReadColumn, string Header, string Options);

    /// <summary>
    /// The header of a chat file's time column when DuckDB's reader can type it: a CSV file whose first records' times
    /// are all in <see cref="ReaderTimestampFormat"/> (else null, and the view parses the text as the staged way does).
    /// Typed by the reader, the time skips etl.clean_value and etl.parse_timestamp, the costliest values of a chat row.
    /// A later time in another form is a reject of the reader's, and the file is loaded the staged way (nothing is lost,
    /// only time), so a file in another form is told by its first records and read once. A column the numbering found
    /// only plain times (or empty values) in (<paramref name="plainTimes"/>) is the reader's without that look at its
    /// first records (≈ 5 ms of a day's chat file, a bind and a read of 2,048 records): the reader's cast reads each of
    /// them as the format does, and a day the month has not is a reject of the reader's, which sends the file the staged
    /// way as the look would have sent it the parsing way, to the same reject.
    /// </summary>
    private static string? ReaderTimestamp(DuckDBConnection connection, PreparedFile prepared, SourceStatements source, HeaderMapping mapping,
        Func<string, bool>? plainTimes)
    {
        if (prepared.Format != FileFormat.Csv || !mapping.SourceByColumn.TryGetValue("sent_at", out var header) || mapping.Layout.Values.ContainsKey("sent_at"))
        {
            return null;
        }

        if (plainTimes?.Invoke(header) == true)
        {
            return header;
        }

        try
        {
            return connection.ExecuteScalar<bool>($"""
                select count(*) > 0 and count(*) filter (where try_strptime(v, {Sql.Literal(ReaderTimestampFormat)}) is null) = 0
                from (select {Sql.Quote(header)} as v from {CsvProbe(prepared, mapping.Headers) ?? source.Describe} limit 2048)
                where v is not null
                """) ? header : null;
        }
        catch (DuckDBException)
        {
            return null;
        }
    }

    /// <summary>
    /// The stage as a view of the file: the load script's first part (up to <see cref="DropStage"/>) builds <c>typed</c>
    /// straight from DuckDB's reader, so the file's text is never held as a table (at 10 million messages, 1.3 GB that
    /// spilled under the memory limit). Good only for a file with nothing the staged way rewrites first: no record the
    /// reader rejected (its line numbers would need moving, sql/etl/stage_line_numbers.sql), no totals row, no item rows
    /// to merge; every chat export seen is one. False when the file is not (nothing is loaded yet; the caller rolls back
    /// and loads it the staged way, which reads it again and files those rows).
    /// </summary>
    private static bool LoadFromStageView(DuckDBConnection connection, PreparedFile prepared, string staged, string typedPart, bool mayShorten)
    {
        try
        {
            connection.Execute($"create or replace temp view stage as {staged}");
            connection.Execute(typedPart);
            connection.Execute("drop view stage");
            return connection.ExecuteScalar<bool>($"""
                select {(prepared.Format == FileFormat.Csv ? "(select count(*) from etl_csv_errors) = 0" : "true")}
                    and not exists (select 1 from typed where summary_label is not null)
                """);
        }
        catch (DuckDBException e) when (mayShorten && CsvLimits.IsLineTooLong(e))
        {
            throw new LineTooLongException();
        }
        catch (DuckDBException)
        {
            // An unreadable file or an unterminated quote: the staged way says which, as it always has.
            return false;
        }
    }

    private FileLoadReport Finish(DuckDBConnection connection, DuckDBTransaction transaction, ContractFile file, string hash, long size,
        DateTime started, PreparedFile prepared, HeaderMapping mapping, (string Name, string Source)? store, long fileId,
        long malformed, long summaries, List<EtlReason> notes, (long Read, long Loaded, long Rejected)? counts = null)
    {
        var fileKind = file.Kind!.Value;
        if (options.Shard is { Stores.Count: > 0 } shard && HasStore(fileKind) && ForeignStore(connection, shard, fileKind) is { } foreign)
        {
            // Another shard's store (or no shard's): nothing of the file loads here; the ledger says where it belongs.
            transaction.Rollback();
            connection.Execute("delete from etl.file_ledger where content_hash = $hash and reason_code in $codes",
                new { hash, codes = ShardStores.RefusalCodes });
            return RejectWhole(connection, file, hash, size, started, prepared, mapping, shard.Refusal(foreign));
        }

        var kind = fileKind.ContractName();
        var layout = mapping.Layout;
        var extra = mapping.Extra.Count == 0 ? null : string.Join(", ", mapping.Extra);
        if (fileKind == FileKind.Orders && !mapping.SourceByColumn.ContainsKey("buyer_id"))
        {
            notes.Add(new EtlReason("note.no_buyer_column"));
        }

        if (store is { } given)
        {
            notes.Add(new EtlReason((mapping.SourceByColumn.ContainsKey("store_id") ? "note.store_for_empty_" : "note.store_")
                + (file.StoreFolder is not null ? "folder" : "option"), ("store", given.Name)));
        }

        // A load that counted its rows itself (LoadNumbered) has filed its rejects too; the others' are in typed,
        // filed only when there are some: binding etl_reason_english (a CASE over every reason) cost ≈ 4–8 ms of a
        // file's load even when the insert wrote nothing.
        var (read, loaded, rejected) = counts ?? connection.QuerySingle<(long, long, long)>("""
            select
                (select count(*) from typed) as read_rows,
                (select count(*) from fresh) as loaded_rows,
                (select count(*) from typed where failure is not null) as rejected_rows;
            """);
        if (counts is null && rejected > 0)
        {
            connection.Execute("""
                insert into etl.rejects (file_id, file_name, line, column_name, value, reason, reason_code, reason_args)
                select getvariable('file_id'), getvariable('file_name'), line, failure.column_name, failure.value,
                       etl_reason_english(failure.code, failure.column_name, failure.value, failure.args), failure.code, failure.args
                from typed
                where failure is not null;
                """);
        }
        if (HasStore(fileKind))
        {
            RecordStores(connection, layout, fileKind);
        }

        if (fileKind == FileKind.Agents && loaded > 0)
        {
            connection.Execute(SqlScripts.Get("raw/agent_version.sql"));
        }

        read += malformed + summaries;
        rejected += malformed + summaries;
        var duplicates = read - loaded - rejected;
        connection.Execute("""
            insert into etl.file_ledger (file_id, file_name, kind, format, encoding, content_hash, size_bytes, started_at, finished_at,
                read_rows, loaded_rows, duplicate_rows, rejected_rows, outcome, reason, extra_columns, layout, store_source, note, note_codes)
            values ($file_id, $file_name, $kind, $format, $encoding, $hash, $size, $started, $finished,
                $read, $loaded, $duplicates, $rejected, 'loaded', null, $extra, $layout, $store_source, $note, $note_codes)
            """, new
        {
            file_id = fileId, file_name = file.RelativePath, kind, format = Describe(file.Format), encoding = prepared.Encoding,
            hash, size, started, finished = DateTime.Now, read, loaded, duplicates, rejected, extra,
            layout = layout.Name, store_source = store?.Source, note = Note(notes), note_codes = EtlReason.ListJson(notes),
        });
        DropWorkTables(connection, fileKind);
        transaction.Commit();
        return new FileLoadReport(file.RelativePath, kind, FileOutcome.Loaded, read, loaded, duplicates, rejected, null, mapping.Extra, layout.Name, Note(notes)) { Notes = notes };
    }

    /// <summary>The first store (by name) a good row of the file names that the shard does not hold; null when all are its own.</summary>
    private static string? ForeignStore(DuckDBConnection connection, ShardStores shard, FileKind kind) =>
        connection.ExecuteScalar<string?>(
            $"select min(store_id) from {GoodStores(kind)} where store_id is not null and store_id not in $stores",
            new { stores = shard.Stores });

    /// <summary>
    /// The stores of the file's good rows: for chats the dedupe's <c>file_days</c> (raw/chat_message_dedupe.sql: the
    /// good rows' stores, duplicates included, read from the rows written, as a numbered load has no typed copy).
    /// </summary>
    private static string GoodStores(FileKind kind) =>
        kind == FileKind.Chats ? "file_days" : "(select store_id from typed where failure is null)";

    private static readonly string ReasonMacro =
        $"create or replace temp macro etl_reason_english(code, column_name, value, args) as ({EtlReasons.SqlEnglish("code", "column_name", "value", "args")})";

    /// <summary>The load's temp tables, freed before the commit; a script may define <c>fresh</c> as a view of the rows it inserted.</summary>
    private static void DropWorkTables(DuckDBConnection connection, FileKind kind)
    {
        // A chats file's fresh is a view of the rows it inserted (raw/chat_message_dedupe.sql), and its typed, when it
        // has one, a view of typed_rows (raw/chat_message.sql); every other kind's are tables. Known by the kind, not
        // looked up in duckdb_views() (two statements of every load).
        var views = kind == FileKind.Chats ? "view" : "table";
        connection.Execute($"drop {views} if exists fresh; drop table if exists stage; "
            + $"drop {views} if exists typed; drop table if exists typed_rows; drop table if exists file_days;");
    }

    private static string? Note(List<EtlReason> notes) => notes.Count == 0 ? null : string.Join("; ", notes.Select(n => n.Text()));

    /// <summary>
    /// Every store the file's good rows name gets its row in app.store, with the layout's platform; a platform a load
    /// set is corrected by a later platform layout, one an admin set is left alone.
    /// </summary>
    private static void RecordStores(DuckDBConnection connection, ExportLayout layout, FileKind kind) =>
        connection.Execute($"""
            insert into app.store (store_id, display_name, platform)
            select distinct store_id, store_id, coalesce($platform, 'other') from {GoodStores(kind)}
            on conflict (store_id) do update set platform = excluded.platform
            -- not rewritten when it stays the same: two files of one store loading side by side (LoadLanes) would
            -- both update its row, and the second transaction to do so would fail on the conflict
            where app.store.platform_set_by = 'layout' and excluded.platform <> 'other' and app.store.platform <> excluded.platform
            """, new { platform = layout.Platform });

    /// <summary>
    /// Rows DuckDB's CSV reader could not split into the header's columns (too many or too few fields, an
    /// unterminated quote) go to the rejects (sql/etl/malformed_row_rejects.sql); the staged lines after them are moved
    /// to their real line numbers (sql/etl/stage_line_numbers.sql). <paramref name="headerLine"/> counts title lines.
    /// </summary>
    private static long RecordMalformedRows(DuckDBConnection connection, int headerLine)
    {
        var count = connection.ExecuteScalar<long>("select count(distinct line) from etl_csv_errors");
        if (count == 0)
        {
            return 0;
        }

        connection.Execute(string.Create(CultureInfo.InvariantCulture, $"""
            set variable header_line = {headerLine};
            set variable max_line_bytes = {CsvLimits.MaxLineBytes};
            """));
        connection.Execute(SqlScripts.Get("etl/malformed_row_rejects.sql"));
        connection.Execute(SqlScripts.Get("etl/stage_line_numbers.sql"));
        return count;
    }

    /// <summary>
    /// Rows labelled 汇总, 合计, 均值… are totals a person added under the data: they go to the rejects with a reason
    /// that says so and never reach a load script (sql/etl/summary_row_rejects.sql).
    /// </summary>
    private static long RecordSummaryRows(DuckDBConnection connection)
    {
        var count = connection.ExecuteScalar<long>("select count(*) from stage where summary_label is not null");
        if (count > 0)
        {
            connection.Execute(SqlScripts.Get("etl/summary_row_rejects.sql"));
        }

        return count;
    }


    private static long? UnterminatedQuoteLine(DuckDBConnection connection) =>
        connection.ExecuteScalar<long?>("""
            select min(line) from etl_csv_errors
            where error_type = 'UNQUOTED VALUE' and error_message ilike '%unterminated quote%'
            """);

    /// <summary>The one reason for a file DuckDB refused to read.</summary>
    private static EtlReason Unreadable(FileFormat format, DuckDBException error) =>
        format == FileFormat.Csv && CsvLimits.IsLineTooLong(error)
            ? new EtlReason("file.line_too_long", ("max", CsvLimits.MaxLineBytes.ToString("N0", CultureInfo.InvariantCulture)), ("message", FirstLine(error.Message)))
        : format == FileFormat.Csv && error.Message.Contains("Error when sniffing file", StringComparison.Ordinal)
            // The dialect and the field counts do not fail the sniffer (both are given or stored as rejects); what is
            // left is text it cannot split into rows, and DuckDB's own message names only the file.
            ? new EtlReason("file.csv_unsplittable")
            : new EtlReason("file.duckdb_unreadable", ("format", Describe(format)), ("message", FirstLine(error.Message)));

    private sealed record SourceStatements(string Describe, Func<IReadOnlyList<string>, string> Read, string Line);

    private static SourceStatements SourceSql(PreparedFile prepared)
    {
        var path = Sql.Literal(prepared.ReadPath);
        return prepared.Format switch
        {
            // The dialect is given, not sniffed: sniffing a sample fails on files whose first quoted field is deep inside.
            // store_rejects also when only the header is wanted: without it, one row with too many or too few fields in
            // the sniffer's sample fails the whole file ("Error when sniffing file") instead of rejecting that row.
            FileFormat.Csv => new(
                $"read_csv({path}, {CsvDialect(prepared)}, all_varchar=true, store_rejects=true)",
                headers => CsvRead(prepared, headers, ""),
                // A staged workbook carries each record's sheet row; text counts records from the line after the header.
                prepared.LineColumn is { } lineColumn ? $"cast({Sql.Quote(lineColumn)} as bigint)" : $"row_number() over () + {1 + prepared.SkipLines}"),
            FileFormat.JsonLines => new(
                $"read_json({path}, format='newline_delimited')",
                // Every key as text, or a later line's "¥1,234.50" would break the type guessed from the first lines.
                headers => $"read_json({path}, format='newline_delimited', records=true, columns={{{string.Join(", ", headers.Select(h => $"{Sql.Literal(h)}: 'VARCHAR'"))}}})",
                "row_number() over ()"),
            _ => new(
                $"read_parquet({path})",
                _ => $"read_parquet({path}, file_row_number=true)",
                "file_row_number + 1"),
        };
    }

    /// <summary>
    /// The CSV reader of the stage; <paramref name="options"/> are more of read_csv's (", rejects_limit=1"). Its columns
    /// are <paramref name="columns"/>, the file's as the describe named them (HeaderMapping.Headers), each text unless
    /// <paramref name="types"/> names another type: given, the reader does not sniff the file once more for each
    /// statement that binds it (a sniff read a sample of the file: ≈ 0.02 s of a day's 5 MB chat export, and a chat file's
    /// load bound the reader four times). Without them (null) the reader sniffs as the describe did.
    /// </summary>
    private static string CsvRead(PreparedFile prepared, IReadOnlyList<string>? columns, string options, params (string Column, string Type)[] types)
    {
        var typeOf = types.ToDictionary(t => t.Column, t => t.Type, StringComparer.Ordinal);
        // a staged workbook's file has its line column too, which the headers leave out
        columns = prepared.LineColumn is null ? columns : null;
        var read = columns is null
            ? "all_varchar=true" + (types.Length > 0 ? $", types={{{string.Join(", ", types.Select(t => $"{Sql.Literal(t.Column)}: {Sql.Literal(t.Type)}"))}}}" : "")
            : "auto_detect=false, " + CsvColumns(columns, typeOf);
        return $"read_csv({Sql.Literal(prepared.ReadPath)}, {CsvDialect(prepared)}, {read}, store_rejects=true, rejects_table='etl_csv_errors', "
            + $"rejects_scan='etl_csv_scans'{options})";
    }

    /// <summary>
    /// A first look at a CSV file's values with its columns given, as <see cref="CsvRead"/> has them (rejects go to DuckDB's
    /// default tables, not the stage's); null where the reader has to sniff them.
    /// </summary>
    private static string? CsvProbe(PreparedFile prepared, IReadOnlyList<string> headers) =>
        prepared.LineColumn is not null ? null
            : $"read_csv({Sql.Literal(prepared.ReadPath)}, {CsvDialect(prepared)}, auto_detect=false, {CsvColumns(headers, new Dictionary<string, string>())}, store_rejects=true)";

    /// <summary>read_csv's columns option: each column text unless <paramref name="types"/> names another type.</summary>
    private static string CsvColumns(IEnumerable<string> columns, IReadOnlyDictionary<string, string> types) =>
        $"columns={{{string.Join(", ", columns.Select(c => $"{Sql.Literal(c)}: {Sql.Literal(types.GetValueOrDefault(c, "VARCHAR"))}"))}}}";

    /// <summary>The CSV dialect, given and never sniffed: the delimiter and title lines come from <see cref="FilePreparer"/>.</summary>
    private static string CsvDialect(PreparedFile prepared) =>
        $"delim={Sql.Literal(prepared.Delimiter.ToString())}, quote='\"', escape='\"', header=true, normalize_names=false"
        + (prepared.SkipLines > 0 ? $", skip={prepared.SkipLines}" : "");

    private static string Clean(string header) => $"etl.clean_value(cast({Sql.Quote(header)} as varchar))";

    private FileLoadReport RejectWhole(DuckDBConnection connection, ContractFile file, string hash, long size, DateTime started,
        PreparedFile? prepared, HeaderMapping? mapping, EtlReason why)
    {
        var kind = file.Kind?.ContractName() ?? "-";
        var reason = why.Text();
        connection.Execute("""
            insert into etl.file_ledger (file_name, kind, format, encoding, content_hash, size_bytes, started_at, finished_at, outcome, reason, extra_columns, layout,
                reason_code, reason_args)
            values ($file_name, $kind, $format, $encoding, $hash, $size, $started, $finished, 'rejected', $reason, $extra, $layout, $code, $args)
            """, new
        {
            file_name = file.RelativePath, kind, format = Describe(file.Format), encoding = prepared?.Encoding, hash, size, started, finished = DateTime.Now, reason,
            extra = mapping is { Extra.Count: > 0 } ? string.Join(", ", mapping.Extra) : null, layout = mapping?.Layout.Name, code = why.Code, args = why.ArgsJson(),
        });
        return new FileLoadReport(file.RelativePath, kind, FileOutcome.Rejected, 0, 0, 0, 0, reason, mapping?.Extra, mapping?.Layout.Name) { Why = why };
    }

    private FileLoadReport Skip(DuckDBConnection connection, ContractFile file, string hash, long size, DateTime started,
        PreparedFile prepared, HeaderMapping mapping, EtlReason why)
    {
        var reason = why.Text();
        connection.Execute("""
            insert into etl.file_ledger (file_name, kind, format, encoding, content_hash, size_bytes, started_at, finished_at, outcome, reason, layout,
                reason_code, reason_args)
            values ($file_name, '-', $format, $encoding, $hash, $size, $started, $finished, 'skipped', $reason, $layout, $code, $args)
            """, new
        {
            file_name = file.RelativePath, format = Describe(file.Format), encoding = prepared.Encoding, hash, size, started, finished = DateTime.Now,
            reason, layout = mapping.Layout.Name, code = why.Code, args = why.ArgsJson(),
        });
        return new FileLoadReport(file.RelativePath, "-", FileOutcome.Skipped, 0, 0, 0, 0, reason, null, mapping.Layout.Name) { Why = why };
    }

    private sealed record EarlierLoad(string FileName, string Outcome, DateTime At);

    private static EarlierLoad? Earlier(DuckDBConnection connection, string hash) =>
        connection.Query<EarlierLoad>("""
            select file_name as FileName, outcome as Outcome, finished_at as At
            from etl.file_ledger where content_hash = $hash and outcome in ('loaded', 'rejected', 'skipped')
              and coalesce(reason_code, '') not in $refused
            order by file_id limit 1
            """, new { hash, refused = ShardStores.RefusalCodes }).FirstOrDefault();

    private static string ContentHash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Describe(FileFormat format) => format switch
    {
        FileFormat.Csv => "csv",
        FileFormat.JsonLines => "jsonl",
        FileFormat.Xlsx => "xlsx",
        FileFormat.Transcript => "txt",
        _ => "parquet",
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
