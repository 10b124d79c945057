using System.Text;
using DuckDB.NET.Data;
using static CsKpi.Seed.Tests.Support.Db;

namespace CsKpi.Seed.Tests.Support;

/// <summary>
/// Reads one seed run back with DuckDB, the way the ETL will: every file of the manifest into a table of its own
/// (<see cref="LoadedRun.Tables"/>), a view per kind over them (<c>{schema}.raw_{kind}</c>: file, line, then every
/// contract column as the text the file holds), then a table
/// <c>{schema}.v_{kind}</c> with the values typed and normalised (codes for Chinese wording) plus two lists per
/// row: <c>contract_errors</c> (what the data contract rejects) and <c>sanity_errors</c> (what a correct seed never
/// writes, e.g. a payment before its order), and a view <c>{schema}.{kind}</c> of the good rows (the manifest's bad
/// rows left out) with the typed columns.
/// </summary>
public sealed class LoadedRun
{
    public required string Schema { get; init; }
    public required string Directory { get; init; }
    public required string Format { get; init; }
    public required Manifest Manifest { get; init; }

    /// <summary>Per file, the distinct header rows (CSV, Parquet: one; JSON Lines: each distinct key list).</summary>
    public Dictionary<string, List<List<string>>> Headers { get; } = [];

    /// <summary>Per Parquet file, the DuckDB type of each column.</summary>
    public Dictionary<string, Dictionary<string, string>> ColumnTypes { get; } = [];

    /// <summary>Per file, the table holding it as DuckDB read it (for JSON Lines: one column <c>json</c>).</summary>
    public Dictionary<string, string> Tables { get; } = [];

    /// <summary>Per CSV file: utf-8, utf-8-bom or gbk.</summary>
    public Dictionary<string, string> Encodings { get; } = [];

    public string Good(string kind) => $"{Schema}.{kind}";

    public string All(string kind) => $"{Schema}.v_{kind}";

    public string Raw(string kind) => $"{Schema}.raw_{kind}";

    public string BadRows => $"{Schema}.bad_rows";
}

public static class SeedLoader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    public static Encoding StrictGbk
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    public static LoadedRun Load(DuckDBConnection db, string schema, string directory, string scratch)
    {
        var manifest = Manifest.Read(directory);
        var run = new LoadedRun { Schema = schema, Directory = directory, Format = manifest.Format, Manifest = manifest };
        db.Execute($"CREATE SCHEMA {schema}");
        db.Execute($"CREATE TABLE {run.BadRows} (file VARCHAR, kind VARCHAR, line BIGINT, \"column\" VARCHAR, value VARCHAR, reason VARCHAR)");
        foreach (var bad in manifest.BadRows)
        {
            db.Execute($"INSERT INTO {run.BadRows} VALUES ({Lit(bad.File)}, {Lit(bad.Kind)}, {bad.Line}, {Lit(bad.Column)}, {Lit(bad.Value)}, {Lit(bad.Reason)})");
        }

        var selects = new Dictionary<string, List<string>>();
        for (var i = 0; i < manifest.Files.Count; i++)
        {
            var file = manifest.Files[i];
            var select = LoadFile(db, run, Spec.Of(file.Kind), file.Name, $"{schema}.f{i}", scratch);
            (selects.TryGetValue(file.Kind, out var list) ? list : selects[file.Kind] = []).Add(select);
        }

        foreach (var kind in Spec.Kinds)
        {
            var parts = selects.GetValueOrDefault(kind.Name)
                ?? [$"SELECT NULL::VARCHAR AS file, NULL::BIGINT AS line, {string.Join(", ", kind.Columns.Select(c => $"NULL::VARCHAR AS {Id(c.Name)}"))} WHERE false"];
            db.Execute($"CREATE VIEW {run.Raw(kind.Name)} AS {string.Join(" UNION ALL ", parts)}");
            Type(db, run, kind);
        }

        return run;
    }

    /// <summary>Reads one file into a table and returns the SELECT that gives its rows as file, line, contract columns.</summary>
    private static string LoadFile(DuckDBConnection db, LoadedRun run, Kind kind, string name, string table, string scratch)
    {
        var path = Path.Combine(run.Directory, name);
        run.Tables[name] = table;
        List<string> headers;
        // A table's rowid follows insertion order, which DuckDB preserves for a CREATE TABLE AS of one file.
        string Select(Func<string, string> cell, string first, string from) =>
            $"SELECT {Lit(name)} AS file, rowid + {first} AS line, " +
            string.Join(", ", kind.Columns.Select(c => (headers.FirstOrDefault(h => Matches(c, h)) is { } h ? cell(h) : "NULL::VARCHAR") + " AS " + Id(c.Name))) +
            $" FROM {from}";
        switch (run.Format)
        {
            case "csv":
                path = ToUtf8(run, name, path, scratch);
                db.Execute($"CREATE TABLE {table} AS SELECT * FROM read_csv({Lit(path)}, delim=',', quote='\"', escape='\"', header=true, all_varchar=true)");
                headers = db.ColumnNames($"SELECT * FROM {table}");
                run.Headers[name] = [headers];
                return Select(Id, "2", table); // line 1 is the header
            case "jsonl":
                db.Execute($"CREATE TABLE {table} AS SELECT json FROM read_ndjson_objects({Lit(path)})");
                var keySets = db.Rows($"SELECT DISTINCT array_to_string(json_keys(json), ',') FROM {table}")
                    .Select(r => ((string)r[0]!).Split(',').ToList()).ToList();
                run.Headers[name] = keySets;
                headers = keySets.SelectMany(k => k).Distinct().ToList();
                // One parse per row for all keys: json_extract_string with a list of paths gives a list of values.
                var paths = string.Join(", ", headers.Select(h => Lit("$." + h)));
                var index = headers.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i + 1);
                return Select(h => $"v[{index[h]}]", "1", $"(SELECT rowid, json_extract_string(json, [{paths}]) AS v FROM {table})");
            case "parquet":
                db.Execute($"CREATE TABLE {table} AS SELECT * FROM read_parquet({Lit(path)})");
                var described = db.Rows($"SELECT column_name, column_type FROM (DESCRIBE {table})");
                headers = described.Select(r => (string)r[0]!).ToList();
                run.Headers[name] = [headers];
                run.ColumnTypes[name] = described.ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
                return Select(h => $"CAST({Id(h)} AS VARCHAR)", "1", table);
            default:
                throw new InvalidDataException($"unknown format {run.Format}");
        }
    }

    private static bool Matches(Col column, string header) =>
        string.Equals(header, column.Name, StringComparison.OrdinalIgnoreCase) || column.Aliases.Contains(header);

    /// <summary>DuckDB reads UTF-8 only: a GBK export is detected (not valid UTF-8) and transcoded first, as the ETL must.</summary>
    private static string ToUtf8(LoadedRun run, string name, string path, string scratch)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            run.Encodings[name] = "utf-8-bom";
            return path;
        }

        try
        {
            StrictUtf8.GetString(bytes);
            run.Encodings[name] = "utf-8";
            return path;
        }
        catch (DecoderFallbackException)
        {
            run.Encodings[name] = "gbk";
            var copy = Path.Combine(scratch, name);
            File.WriteAllText(copy, StrictGbk.GetString(bytes), new UTF8Encoding(false));
            return copy;
        }
    }

    // ---- typing -------------------------------------------------------------------------------------------

    private static string TimestampFormat(string format, string kind) => format switch
    {
        "csv" when kind == "ratings" => "%Y/%-m/%-d %-H:%M:%S",
        "jsonl" => "%Y-%m-%dT%H:%M:%S+08:00",
        _ => "%Y-%m-%d %H:%M:%S",
    };

    private static string DateFormat(string format, string kind) => format == "csv" && kind == "training" ? "%Y/%-m/%-d" : "%Y-%m-%d";

    private static string Enum(string raw, IReadOnlyDictionary<string, string> map) =>
        $"CASE {raw} {string.Join(" ", map.Select(kv => $"WHEN {Lit(kv.Key)} THEN {Lit(kv.Value)}"))} END";

    private static string Typed(string format, Kind kind, Col column)
    {
        // Not trimmed: the seed has no reason to pad a value, so a padded one should fail to parse here.
        var raw = $"nullif(r.{Id(column.Name)}, '')";
        const string integer = "'-?[0-9]+'";
        const string number = @"'-?[0-9]{1,12}(\.[0-9]{1,6})?'";
        return (kind.Name, column.Name) switch
        {
            ("chats", "sender") => Enum(raw, Spec.Senders),
            ("agents", "role") => Enum(raw, Spec.Roles),
            ("agents", "level") or ("courses", "required_for_level") => Enum(raw, Spec.Levels.SelectMany(l => new[] { (l.Code, l.Code), (l.Name, l.Code) }).ToDictionary(p => p.Item1, p => p.Item2)),
            ("orders", "status") => Enum(raw, Spec.OrderStatuses),
            ("courses", "category") => Enum(raw, Spec.Categories),
            ("training", "status") => Enum(raw, Spec.TrainingStatuses),
            ("ratings", "score") => $"CASE {string.Join(" ", Spec.RatingWords.Select(kv => $"WHEN {raw} = {Lit(kv.Key)} THEN {kv.Value}"))} " +
                                    $"WHEN regexp_full_match({raw}, {integer}) THEN {raw}::BIGINT END",
            _ => column.Type switch
            {
                Ty.Text or Ty.Key => raw,
                Ty.Integer => $"CASE WHEN regexp_full_match({raw}, {integer}) THEN {raw}::BIGINT END",
                // DECIMAL(18,6) (a BIGINT inside) rather than a wider one: DuckDB casts text to a HUGEINT decimal ~100× slower.
                Ty.Money or Ty.Decimal => $"CASE WHEN regexp_full_match({raw}, {number}) THEN {raw}::DECIMAL(18,6) END",
                Ty.Timestamp => $"try_strptime({raw}, {Lit(TimestampFormat(format, kind.Name))})",
                Ty.Date => $"try_strptime({raw}, {Lit(DateFormat(format, kind.Name))})::DATE",
                _ => throw new ArgumentOutOfRangeException(nameof(column)),
            },
        };
    }

    private static string Describe(Col column) => column.Type switch
    {
        Ty.Timestamp => "a timestamp",
        Ty.Date => "a date",
        Ty.Integer => "a whole number",
        Ty.Money => "money",
        Ty.Decimal => "a decimal",
        _ => "an allowed value",
    };

    private static void Type(DuckDBConnection db, LoadedRun run, Kind kind)
    {
        var m = run.Manifest;
        var start = $"TIMESTAMP '{m.StartDate:yyyy-MM-dd}'";
        var end = $"TIMESTAMP '{m.EndDate:yyyy-MM-dd}'";
        var contract = new List<string>();
        var sanity = new List<string>();
        foreach (var c in kind.Columns)
        {
            var raw = $"raw_{c.Name}";
            if (c.Required)
            {
                contract.Add($"CASE WHEN {raw} IS NULL OR {raw} = '' THEN '{c.Name}: required value is missing' END");
            }

            sanity.Add($"CASE WHEN starts_with({raw}, ' ') OR ends_with({raw}, ' ') THEN '{c.Name}: padded with spaces' END");
            contract.Add($"CASE WHEN nullif({raw}, '') IS NOT NULL AND {Id(c.Name)} IS NULL THEN '{c.Name}: ' || {raw} || ' is not {Describe(c)}' END");
            if (c.Type == Ty.Money)
            {
                contract.Add($"CASE WHEN {c.Name} < 0 THEN '{c.Name}: negative' WHEN {c.Name} <> round({c.Name}, 2) THEN '{c.Name}: more than two decimals' END");
            }
        }

        void Rule(List<string> list, string violated, string message) => list.Add($"CASE WHEN {violated} THEN {Lit(message)} END");
        switch (kind.Name)
        {
            case "agents":
                var ranges = string.Join(" ", Spec.Levels.Select(l => $"WHEN '{l.Code}' THEN coefficient NOT BETWEEN {l.Min} AND {l.Max}"));
                Rule(contract, $"level IS NOT NULL AND coefficient IS NOT NULL AND (CASE level {ranges} END)", "coefficient: outside the level's range");
                Rule(sanity, "hired_on > as_of", "hired_on: after the snapshot's as_of");
                Rule(sanity, "left_on <= hired_on", "left_on: not after hired_on");
                Rule(sanity, $"as_of < {start}::DATE OR as_of >= {end}::DATE", "as_of: outside the period");
                Rule(sanity, "monthly_cost <= 0", "monthly_cost: not positive");
                Rule(sanity, "(level IS NULL) <> (coefficient IS NULL)", "level and coefficient: one without the other");
                break;
            case "chats":
                Rule(sanity, $"sent_at < {start} OR sent_at >= {end}", "sent_at: outside the period");
                Rule(sanity, "message_id IS NULL", "message_id: missing");
                break;
            case "orders":
                Rule(contract, "items < 1", "items: below 1");
                Rule(contract, "refund_amount > amount", "refund_amount: above amount");
                Rule(sanity, $"created_at < {start} OR created_at >= {end}", "created_at: outside the period");
                Rule(sanity, "amount <= 0", "amount: not positive");
                Rule(sanity, "paid_at < created_at", "paid_at: before created_at");
                Rule(sanity, "refunded_at < paid_at OR (refunded_at IS NOT NULL AND paid_at IS NULL)", "refunded_at: before payment");
                Rule(sanity, "(paid_at IS NULL) <> (status IN ('created', 'closed'))", "status: does not match paid_at");
                Rule(sanity, "(coalesce(refund_amount, 0) > 0) <> (status = 'refunded') OR (refunded_at IS NULL) <> (status IS DISTINCT FROM 'refunded')", "status: does not match the refund");
                Rule(sanity, $"updated_at IS NULL OR updated_at < created_at OR updated_at > {end}", "updated_at: missing or outside created_at..end");
                Rule(sanity, "items IS NULL OR status IS NULL OR refund_amount IS NULL", "items, status, refund_amount: missing");
                break;
            case "courses":
                Rule(contract, "pass_score NOT BETWEEN 0 AND 100", "pass_score: not 0–100");
                Rule(contract, "valid_months < 1", "valid_months: below 1");
                Rule(sanity, "hours IS NULL OR hours <= 0", "hours: missing or not positive");
                Rule(sanity, "pass_score IS NULL OR required_for_level IS NULL", "pass_score, required_for_level: missing");
                break;
            case "training":
                Rule(contract, "score NOT BETWEEN 0 AND 100", "score: not 0–100");
                Rule(contract, "status = 'completed' AND score IS NULL", "score: missing on a completed event");
                Rule(sanity, "status <> 'completed' AND score IS NOT NULL", "score: on an event that is not completed");
                Rule(sanity, $"event_on >= {end}::DATE", "event_on: after the period");
                break;
            case "ratings":
                Rule(contract, "score NOT BETWEEN 1 AND 5", "score: not 1–5");
                Rule(sanity, $"rated_at < {start} OR rated_at >= {end}", "rated_at: outside the period");
                break;
        }

        var rawColumns = string.Join(", ", kind.Columns.Select(c => $"r.{Id(c.Name)} AS {Id("raw_" + c.Name)}"));
        var typedColumns = string.Join(", ", kind.Columns.Select(c => $"{Typed(run.Format, kind, c)} AS {Id(c.Name)}"));
        db.Execute($"""
            CREATE TABLE {run.All(kind.Name)} AS
            SELECT *, list_filter([{string.Join(", ", contract)}], x -> x IS NOT NULL) AS contract_errors,
                      list_filter([{string.Join(", ", sanity)}], x -> x IS NOT NULL) AS sanity_errors
            FROM (
                SELECT r.file, r.line, EXISTS (SELECT 1 FROM {run.BadRows} b WHERE b.file = r.file AND b.line = r.line) AS bad,
                       {rawColumns}, {typedColumns}
                FROM {run.Raw(kind.Name)} r)
            """);
        var names = string.Join(", ", kind.Columns.Select(c => Id(c.Name)));
        db.Execute($"CREATE VIEW {run.Good(kind.Name)} AS SELECT file, line, {names} FROM {run.All(kind.Name)} WHERE NOT bad");
    }
}
