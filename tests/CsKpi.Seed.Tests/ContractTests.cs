using System.Globalization;
using System.Text;
using CsKpi.Seed.Tests.Support;
using DuckDB.NET.Data;
using static CsKpi.Seed.Tests.Support.Db;

namespace CsKpi.Seed.Tests;

/// <summary>
/// Every kind of file the seed writes, read back with DuckDB, against shared/spec/data-contract.md: names, types,
/// required values, enumerations, row counts, keys, update files; and the manifest's bad rows are exactly the rows
/// that break the contract. The same tests run on each format (the subclasses at the end).
/// </summary>
public abstract class ContractTests<TRun>(TRun fixture) where TRun : SeedRunFixture
{
    protected TRun Fixture { get; } = fixture;
    protected LoadedRun R => Fixture.Run;
    protected DuckDBConnection Db => Fixture.Db;
    protected Manifest M => R.Manifest;

    /// <summary>Whether order statuses and rating scores are the shop back-end's Chinese words (CSV) or codes.</summary>
    protected abstract bool ChineseWording { get; }

    public static TheoryData<string> Kinds => new(Spec.Kinds.Select(k => k.Name));

    private string Extension => "." + M.Format;

    [Fact]
    public void The_manifest_on_disk_lists_exactly_the_files_written_and_matches_the_run()
    {
        var onDisk = Directory.GetFiles(R.Directory).Select(f => Path.GetFileName(f)).Where(n => n != Manifest.FileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk!, M.Files.Select(f => f.Name).ToList());
        Assert.All(M.Files, f =>
        {
            Assert.EndsWith(Extension, f.Name, StringComparison.Ordinal);
            Assert.Equal(Spec.KindOfFile(f.Name), f.Kind);
        });
        Assert.Equal(Fixture.Options.Seed, M.Seed);
        Assert.Equal(Fixture.Options.Days, M.Days);
        Assert.Equal(Fixture.Options.Stores, M.Stores);
        Assert.Equal(Fixture.Options.Agents, M.AgentsPerStore);
        Assert.Equal(Fixture.Options.Start, M.StartDate);
        Assert.Equal(Fixture.Returned.Files.Select(f => (f.Name, f.Kind, f.Rows)), M.Files.Select(f => (f.Name, f.Kind, f.Rows)));
        Assert.Equal(Fixture.Returned.BadRows.Select(b => (b.File, b.Kind, b.Line, b.Column, b.Value, b.Reason)),
            M.BadRows.Select(b => (b.File, b.Kind, b.Line, b.Column, b.Value, b.Reason)));

        // The partitions a reader expects: per store, a roster per month, chats/orders/ratings per month, one catalogue.
        var months = new[] { "2026-06", "2026-07" };
        foreach (var store in new[] { "_s01", "_s02" })
        {
            foreach (var month in months)
            {
                foreach (var kind in new[] { "chats", "orders", "ratings" })
                {
                    Assert.Contains($"{kind}_{month}{store}{Extension}", onDisk);
                }
            }
        }

        Assert.Contains($"agents_2026-06-20{Extension}", onDisk);
        Assert.Contains($"agents_2026-07-01{Extension}", onDisk);
        Assert.Contains($"courses{Extension}", onDisk);
        Assert.Contains($"training{Extension}", onDisk);
        Assert.Contains(onDisk, n => n!.Contains("_updates", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_manifest_row_count_equals_the_rows_DuckDB_reads()
    {
        var read = Spec.Kinds
            .SelectMany(k => Db.Rows($"SELECT file, count(*) FROM {R.Raw(k.Name)} GROUP BY file"))
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        Assert.All(M.Files, f => Assert.True(read.GetValueOrDefault(f.Name) == f.Rows,
            $"{f.Name}: the manifest says {f.Rows} rows, DuckDB read {read.GetValueOrDefault(f.Name)}"));
        Assert.Equal(M.Files.Sum(f => f.Rows), read.Values.Sum());
        Assert.All(Spec.Kinds, k => Assert.True(M.Files.Where(f => f.Kind == k.Name).Sum(f => f.Rows) > 0, $"no {k.Name} rows"));
    }

    [Fact]
    public void In_the_text_formats_every_line_is_one_row()
    {
        if (M.Format == "parquet")
        {
            Assert.All(M.Files, f => Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(Path.Combine(R.Directory, f.Name))[..4]));
            return;
        }

        // So a bad row's line number in the manifest is the line an editor shows.
        var header = M.Format == "csv" ? 1 : 0;
        Assert.All(M.Files, f =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(R.Directory, f.Name)).AsSpan();
            Assert.Equal(f.Rows + header, bytes.Count((byte)'\n'));
            Assert.Equal((byte)'\n', bytes[^1]);
            Assert.True(bytes.IndexOf((byte)'\r') < 0, $"{f.Name} has a carriage return");
        });
    }

    [Fact]
    public void Headers_are_exactly_the_contract_columns()
    {
        Assert.All(M.Files, f =>
        {
            var kind = Spec.Of(f.Kind);
            var variants = R.Headers[f.Name];
            Assert.True(variants.Count == 1, $"{f.Name}: rows differ in their keys: {string.Join(" / ", variants.Select(v => string.Join(",", v)))}");
            var headers = variants[0];
            var chinese = M.Format == "csv" && kind.ChineseCsvHeaders;
            var expected = kind.Columns.Select(c => chinese ? c.Aliases : [c.Name]).ToList();
            Assert.True(headers.Count == kind.Columns.Count, $"{f.Name}: {headers.Count} columns ({string.Join(",", headers)}), the contract has {kind.Columns.Count}");
            for (var i = 0; i < kind.Columns.Count; i++)
            {
                // Order does not matter to the contract, but each contract column must be there exactly once.
                var column = kind.Columns[i];
                var found = headers.Where(h => expected[i].Contains(h)).ToList();
                Assert.True(found.Count == 1, $"{f.Name}: column {column.Name} expected as {string.Join(" or ", expected[i])}, headers are {string.Join(",", headers)}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Only_the_manifest_bad_rows_break_the_contract(string kind)
    {
        var rows = Db.Rows($"SELECT file, line, bad, contract_errors FROM {R.All(kind)} WHERE bad OR len(contract_errors) > 0 ORDER BY file, line");
        var unexpected = rows.Where(r => !(bool)r[2]!).ToList();
        Assert.True(unexpected.Count == 0, $"{kind}: {unexpected.Count} rows break the contract and are not in the manifest:\n{Show(unexpected)}");

        var listed = M.BadRows.Where(b => b.Kind == kind).ToList();
        var found = rows.ToDictionary(r => ((string)r[0]!, (long)r[1]!), r => ((List<string>)r[3]!).ToList());
        Assert.Equal(listed.Count, found.Count);
        Assert.All(listed, b =>
        {
            Assert.True(found.TryGetValue((b.File, b.Line), out var errors), $"{b.File}:{b.Line} ({b.Reason}) is not a row of the file");
            Assert.True(errors!.Any(e => e.StartsWith(b.Column + ":", StringComparison.Ordinal)),
                $"{b.File}:{b.Line} should break the contract in {b.Column} ({b.Reason}); found: {string.Join("; ", errors)}");
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Good_rows_are_consistent(string kind)
    {
        var total = Db.Count($"SELECT count(*) FROM {R.All(kind)} WHERE NOT bad");
        var wrong = Db.Rows($"SELECT file, line, sanity_errors FROM {R.All(kind)} WHERE NOT bad AND len(sanity_errors) > 0 ORDER BY file, line");
        Assert.True(total > 0, $"no good {kind} rows");
        Assert.True(wrong.Count == 0, $"{kind}: {wrong.Count} of {total} rows are inconsistent:\n{Show(wrong)}");
    }

    [Fact]
    public void Required_values_are_never_empty_outside_the_bad_rows()
    {
        // Spelled out once more on its own, per column, so a failure names the column plainly.
        var failures = new List<string>();
        foreach (var kind in Spec.Kinds)
        {
            var required = kind.Columns.Where(c => c.Required).ToList();
            var counts = Db.Rows($"SELECT {string.Join(", ", required.Select(c => $"count(*) FILTER (WHERE nullif(trim({Id("raw_" + c.Name)}), '') IS NULL)"))} " +
                                 $"FROM {R.All(kind.Name)} WHERE NOT bad")[0];
            failures.AddRange(required.Select((c, i) => (c, n: (long)counts[i]!)).Where(p => p.n > 0).Select(p => $"{kind.Name}.{p.c.Name}: {p.n} empty"));
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Enumerations_use_the_dialect_of_the_format()
    {
        // CSV is what the shop back-end exports (订单状态 交易成功, 评价 很满意); JSON Lines and Parquet carry the codes.
        var statuses = Db.Rows($"SELECT DISTINCT raw_status FROM {R.All("orders")} WHERE NOT bad").Select(r => (string)r[0]!).ToList();
        var scores = Db.Rows($"SELECT DISTINCT raw_score FROM {R.All("ratings")} WHERE NOT bad").Select(r => (string)r[0]!).ToList();
        var chineseStatuses = Spec.OrderStatuses.Keys.Where(k => !k.All(char.IsAsciiLetter)).ToList();
        if (ChineseWording)
        {
            Assert.All(statuses, s => Assert.Contains(s, chineseStatuses));
            Assert.All(scores, s => Assert.Contains(s, Spec.RatingWords.Keys));
        }
        else
        {
            Assert.All(statuses, s => Assert.Contains(s, new[] { "created", "paid", "shipped", "completed", "closed", "refunded" }));
            Assert.All(scores, s => Assert.Matches("^[1-5]$", s));
        }

        // Every order state and every rating word shows up somewhere, so the ETL's mapping is exercised.
        Assert.Equal(6, statuses.Count);
        Assert.Equal(5, scores.Count);
        Assert.Equal(["agent", "auto", "buyer", "system"], Db.Rows($"SELECT DISTINCT raw_sender FROM {R.All("chats")} WHERE NOT bad ORDER BY 1").Select(r => (string)r[0]!));
        Assert.Equal(["aftersale", "both", "presale"], Db.Rows($"SELECT DISTINCT raw_role FROM {R.All("agents")} WHERE NOT bad ORDER BY 1").Select(r => (string)r[0]!));
        Assert.Equal(8, Db.Count($"SELECT count(DISTINCT category) FROM {R.Good("courses")}"));
        Assert.Equal(3, Db.Count($"SELECT count(DISTINCT status) FROM {R.Good("training")}"));
    }

    [Fact]
    public void Message_ids_are_unique_across_all_chat_files()
    {
        var (rows, ids, files) = Triple(Db.Rows($"SELECT count(*), count(DISTINCT message_id), count(DISTINCT file) FROM {R.Good("chats")}")[0]);
        Assert.True(files >= 4, $"only {files} chat files");
        Assert.Equal(rows, ids);
        var dupes = Db.Rows($"SELECT message_id, list(file || ':' || line) FROM {R.All("chats")} WHERE raw_message_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1 LIMIT 5");
        Assert.True(dupes.Count == 0, $"message_id repeated (bad rows included):\n{Show(dupes)}");
    }

    [Fact]
    public void Order_ids_are_unique_within_the_month_files()
    {
        var months = $"(SELECT * FROM {R.Good("orders")} WHERE file NOT LIKE '%\\_updates%' ESCAPE '\\')";
        Assert.True(Db.Count($"SELECT count(*) FROM {months}") > 1000);
        var dupes = Db.Rows($"SELECT store_id, order_id, list(file || ':' || line) FROM {months} GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 5");
        Assert.True(dupes.Count == 0, $"order_id repeated across month files:\n{Show(dupes)}");
        var dupesInUpdates = Db.Rows($"SELECT file, order_id FROM {R.Good("orders")} WHERE file LIKE '%\\_updates%' ESCAPE '\\' GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 5");
        Assert.True(dupesInUpdates.Count == 0, $"order_id repeated within an updates file:\n{Show(dupesInUpdates)}");
        // The contract's key is (store, order_id); the seed's ids happen to be unique across stores too.
        Assert.Equal(0, Db.Count($"SELECT count(*) FROM (SELECT order_id FROM {months} GROUP BY 1 HAVING count(DISTINCT store_id) > 1)"));
    }

    [Fact]
    public void Update_files_hold_newer_states_of_orders_of_their_month()
    {
        // orders_2026-06_updates_s01 revises orders_2026-06_s01, exported at the first of the next month (or at the end).
        var end = $"TIMESTAMP '{M.EndDate:yyyy-MM-dd}'";
        var updates = Db.Rows($"""
            WITH u AS (
                SELECT *, replace(file, '_updates', '') AS month_file,
                       least(strptime(regexp_extract(file, 'orders_([0-9]+-[0-9]+)', 1) || '-01', '%Y-%m-%d') + INTERVAL 1 MONTH, {end}) AS exported_at
                FROM {R.Good("orders")} WHERE file LIKE '%\_updates%' ESCAPE '\'),
            m AS (SELECT * FROM {R.Good("orders")} WHERE file NOT LIKE '%\_updates%' ESCAPE '\')
            SELECT u.file, u.line, u.order_id, m.file AS found_in, u.created_at, u.exported_at, m.updated_at AS was, u.updated_at AS now,
                   coalesce(CASE
                       WHEN m.order_id IS NULL THEN u.created_at >= u.exported_at
                       ELSE m.file = u.month_file AND u.updated_at > m.updated_at
                            AND (u.paid_at IS DISTINCT FROM m.paid_at OR u.refund_amount <> m.refund_amount)
                   END, false) AS ok,
                   m.order_id IS NOT NULL AS revised
            FROM u LEFT JOIN m ON m.store_id = u.store_id AND m.order_id = u.order_id
            """);
        var wrong = updates.Where(r => !(bool)r[8]!).ToList();
        Assert.True(updates.Count > 0, "no update rows");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {updates.Count} update rows are neither a newer state of an order of their month file " +
            $"nor an order created after that file was exported:\n{Show(wrong)}");
        // Both cases are there: revisions of exported orders and orders the export could not see yet.
        Assert.Contains(updates, r => (bool)r[9]!);
        Assert.Contains(updates, r => !(bool)r[9]!);
    }

    [Fact]
    public void References_between_kinds_resolve()
    {
        var checks = new (string What, string Sql)[]
        {
            ("training course not in the catalogue", $"SELECT count(*) FROM {R.Good("training")} WHERE course_id NOT IN (SELECT course_id FROM {R.Good("courses")})"),
            ("training agent not in any roster", $"SELECT count(*) FROM {R.Good("training")} WHERE agent_id NOT IN (SELECT agent_id FROM {R.Good("agents")})"),
            ("training before the agent was hired", $"SELECT count(*) FROM {R.Good("training")} t JOIN (SELECT agent_id, min(hired_on) h FROM {R.Good("agents")} GROUP BY 1) a USING (agent_id) WHERE t.event_on < a.h"),
            ("chat agent not in any roster", $"SELECT count(*) FROM {R.Good("chats")} WHERE agent_id NOT IN (SELECT agent_id FROM {R.Good("agents")})"),
            ("chat agent of another store", $"SELECT count(*) FROM {R.Good("chats")} c WHERE NOT EXISTS (SELECT 1 FROM {R.Good("agents")} a WHERE a.agent_id = c.agent_id AND a.store_id = c.store_id)"),
            ("rating agent not in any roster", $"SELECT count(*) FROM {R.Good("ratings")} WHERE agent_id NOT IN (SELECT agent_id FROM {R.Good("agents")})"),
            ("order store unknown", $"SELECT count(*) FROM {R.Good("orders")} WHERE store_id NOT IN (SELECT store_id FROM {R.Good("agents")})"),
            ("agent twice in one snapshot", $"SELECT count(*) FROM (SELECT file, agent_id FROM {R.Good("agents")} GROUP BY ALL HAVING count(*) > 1)"),
            ("course listed twice", $"SELECT count(*) FROM (SELECT course_id FROM {R.Good("courses")} GROUP BY ALL HAVING count(*) > 1)"),
            ("snapshot with several as_of dates", $"SELECT count(*) FROM (SELECT file FROM {R.Good("agents")} GROUP BY ALL HAVING count(DISTINCT as_of) > 1)"),
        };
        var failures = checks.Select(c => (c.What, Count: Db.Count(c.Sql))).Where(c => c.Count > 0).Select(c => $"{c.What}: {c.Count}").ToList();
        Assert.Empty(failures);
        Assert.Equal(2, Db.Count($"SELECT count(DISTINCT store_id) FROM {R.Good("chats")}"));
    }

    [Fact]
    public void The_manifest_lists_as_many_bad_rows_as_asked()
    {
        Assert.Equal(Fixture.Options.BadRows, M.BadRows.Count);
        Assert.All(M.BadRows, b =>
        {
            Assert.Contains(b.File, M.Files.Select(f => f.Name));
            Assert.Equal(Spec.KindOfFile(b.File), b.Kind);
            Assert.Contains(b.Column, Spec.Of(b.Kind).Columns.Select(c => c.Name));
            Assert.False(string.IsNullOrWhiteSpace(b.Reason));
        });
        Assert.Equal(M.BadRows.Count, M.BadRows.Select(b => (b.File, b.Line)).Distinct().Count());
    }

    [Fact]
    public void Each_bad_row_holds_the_listed_value_in_the_listed_column()
    {
        Assert.All(M.BadRows, b =>
        {
            var cells = Db.Rows($"SELECT {Id("raw_" + b.Column)} FROM {R.All(b.Kind)} WHERE file = {Lit(b.File)} AND line = {b.Line}");
            Assert.True(cells.Count == 1, $"{b.File}:{b.Line}: {cells.Count} rows");
            var cell = (string?)cells[0][0];
            Assert.True(SameValue(b.Value, cell), $"{b.File}:{b.Line} {b.Column}: the manifest says '{b.Value}', the file holds '{cell}'");
        });
    }

    /// <summary>Equal text, or equal numbers (JSON Lines carries -12.50 as the number -12.5), or both empty.</summary>
    protected static bool SameValue(string listed, string? cell)
    {
        if (listed.Length == 0)
        {
            return string.IsNullOrEmpty(cell);
        }

        if (cell == listed)
        {
            return true;
        }

        return decimal.TryParse(listed, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var b) && a == b;
    }

    private static (long, long, long) Triple(object?[] row) => ((long)row[0]!, (long)row[1]!, (long)row[2]!);
}

public sealed class CsvContractTests(CsvRun run) : ContractTests<CsvRun>(run), IClassFixture<CsvRun>
{
    protected override bool ChineseWording => true;

    [Fact]
    public void Each_bad_row_sits_at_its_line_of_the_raw_file()
    {
        // Read the bytes, not DuckDB: the line number is what a person opening the file sees.
        Assert.All(M.BadRows, b =>
        {
            var encoding = R.Encodings[b.File] == "gbk" ? SeedLoader.StrictGbk : Encoding.UTF8;
            var lines = File.ReadAllText(Path.Combine(R.Directory, b.File), encoding).TrimStart('\uFEFF').Split('\n');
            var header = CsvFields(lines[0]);
            var column = Spec.Of(b.Kind)[b.Column];
            var index = header.FindIndex(h => h == column.Name || column.Aliases.Contains(h));
            Assert.True(index >= 0, $"{b.File}: no column {b.Column} in {lines[0]}");
            var fields = CsvFields(lines[b.Line - 1]);
            Assert.Equal(header.Count, fields.Count);
            Assert.Equal(b.Value, fields[index]);
        });
        Assert.Contains(M.BadRows, b => b.Value == "yesterday noon");
        Assert.Contains(M.BadRows, b => b.Value == "2026-13-45 25:61:00");
    }

    [Fact]
    public void Files_are_UTF8_and_only_the_HR_roster_carries_a_byte_order_mark()
    {
        Assert.All(M.Files, f => Assert.Equal(f.Kind == "agents" ? "utf-8-bom" : "utf-8", R.Encodings[f.Name]));
    }

    [Fact]
    public void Dates_and_timestamps_are_spelled_as_each_exporting_system_spells_them()
    {
        // Training (an Excel export) writes 2026/5/3, ratings (服务评价) 2026/5/3 9:05:07, the rest ISO without offset.
        Assert.Equal(0, Db.Count($"SELECT count(*) FROM {R.All("training")} WHERE NOT bad AND NOT regexp_full_match(raw_event_on, '[0-9]{{4}}/[1-9][0-9]?/[1-9][0-9]?')"));
        Assert.Equal(0, Db.Count($"SELECT count(*) FROM {R.All("ratings")} WHERE NOT bad AND NOT regexp_full_match(raw_rated_at, '[0-9]{{4}}/[1-9][0-9]?/[1-9][0-9]? [12]?[0-9]:[0-5][0-9]:[0-5][0-9]')"));
        Assert.True(Db.Count($"SELECT count(*) FROM {R.All("ratings")} WHERE regexp_full_match(raw_rated_at, '[0-9]{{4}}/[1-9]/[1-9] [1-9]:.*')") > 0, "no unpadded rating timestamps");
        Assert.Equal(0, Db.Count($"SELECT count(*) FROM {R.All("chats")} WHERE NOT bad AND NOT regexp_full_match(raw_sent_at, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}} [0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}')"));
    }

    /// <summary>One RFC 4180 record on one line: commas, double quotes around a field, doubled quotes inside.</summary>
    internal static List<string> CsvFields(string line) => [.. PlatformFiles.ReadCsv(line + "\n")[0]];
}

public sealed class GbkContractTests(GbkRun run) : ContractTests<GbkRun>(run), IClassFixture<GbkRun>
{
    protected override bool ChineseWording => true;

    [Fact]
    public void Orders_are_GBK_with_the_Chinese_header_and_every_other_kind_stays_UTF8()
    {
        var orders = M.Files.Where(f => f.Kind == "orders").ToList();
        Assert.True(orders.Count >= 5);
        Assert.All(orders, f =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(R.Directory, f.Name));
            Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
            var text = SeedLoader.StrictGbk.GetString(bytes); // code page 936; throws on a byte sequence GBK does not know
            Assert.StartsWith("订单编号,店铺,买家会员名,", text, StringComparison.Ordinal);
            Assert.Contains(Spec.OrderStatuses.Keys.Where(k => k[0] > 127), w => text.Contains("," + w + ",", StringComparison.Ordinal));
            Assert.DoesNotContain('?', text); // nothing was lost to a replacement character on the way out
            Assert.Equal("gbk", R.Encodings[f.Name]);
        });
        Assert.All(M.Files.Where(f => f.Kind != "orders"), f => Assert.StartsWith("utf-8", R.Encodings[f.Name], StringComparison.Ordinal));
    }
}

public sealed class JsonlContractTests(JsonlRun run) : ContractTests<JsonlRun>(run), IClassFixture<JsonlRun>
{
    protected override bool ChineseWording => false;

    [Fact]
    public void Values_are_JSON_numbers_strings_or_null_by_column_type()
    {
        // A chat platform's API: numbers as numbers, timestamps and dates as strings, absent values as null.
        var failures = new List<string>();
        foreach (var file in M.Files)
        {
            var kind = Spec.Of(file.Kind);
            var paths = string.Join(", ", kind.Columns.Select(c => Lit("$." + c.Name)));
            var combinations = Db.Rows($"SELECT DISTINCT json_type(json, [{paths}]) FROM {R.Tables[file.Name]}").Select(r => (List<string>)r[0]!).ToList();
            for (var i = 0; i < kind.Columns.Count; i++)
            {
                var column = kind.Columns[i];
                var allowed = (kind.Name, column.Name) switch
                {
                    ("ratings", "score") => new[] { "UBIGINT" },
                    _ => column.Type switch
                    {
                        Ty.Key => ["UBIGINT"],
                        Ty.Integer => ["UBIGINT", "NULL"],
                        Ty.Money or Ty.Decimal => ["DOUBLE", "UBIGINT", "BIGINT", "NULL"],
                        _ => ["VARCHAR", "NULL"],
                    },
                };
                var extra = combinations.Select(c => c[i]).Distinct().Except(allowed).ToList();
                if (extra.Count > 0)
                {
                    failures.Add($"{file.Name}.{column.Name}: {string.Join(",", extra)}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Timestamps_carry_the_store_offset()
    {
        foreach (var (kind, column) in new[] { ("chats", "sent_at"), ("orders", "created_at"), ("orders", "paid_at"), ("orders", "updated_at"), ("ratings", "rated_at") })
        {
            Assert.Equal(0, Db.Count($"SELECT count(*) FROM {R.All(kind)} WHERE NOT bad AND raw_{column} IS NOT NULL AND NOT regexp_full_match(raw_{column}, '[0-9-]{{10}}T[0-9:]{{8}}\\+08:00')"));
            Assert.True(Db.Count($"SELECT count(*) FROM {R.All(kind)} WHERE raw_{column} LIKE '%+08:00'") > 0);
        }
    }
}

public sealed class ParquetContractTests(ParquetRun run) : ContractTests<ParquetRun>(run), IClassFixture<ParquetRun>
{
    protected override bool ChineseWording => false;

    [Fact]
    public void Columns_have_native_types()
    {
        Assert.All(M.Files, f =>
        {
            var types = R.ColumnTypes[f.Name];
            foreach (var column in Spec.Of(f.Kind).Columns)
            {
                var expected = (f.Kind, column.Name) switch
                {
                    ("ratings", "score") => "BIGINT",
                    _ => column.Type switch
                    {
                        Ty.Key or Ty.Integer => "BIGINT",
                        Ty.Money or Ty.Decimal => "DECIMAL(18,2)",
                        Ty.Timestamp => "TIMESTAMP",
                        Ty.Date => "DATE",
                        _ => "VARCHAR",
                    },
                };
                Assert.True(types[column.Name] == expected, $"{f.Name}.{column.Name} is {types[column.Name]}, expected {expected}");
            }
        });
    }

    [Fact]
    public void Timestamps_are_local_time_not_adjusted_to_UTC()
    {
        var chats = Lit(Path.Combine(R.Directory, M.Files.First(f => f.Kind == "chats").Name));
        var logical = (string)Db.Rows($"SELECT logical_type FROM parquet_schema({chats}) WHERE name = 'sent_at'")[0][0]!;
        Assert.Contains("isAdjustedToUTC=0", logical, StringComparison.Ordinal);
        // A local clock: buyers write at 21:00 far more than at 04:00 (UTC would shift the evening peak to the afternoon).
        Assert.True(Db.Count($"SELECT count(*) FROM {R.Good("chats")} WHERE hour(sent_at) = 21") > 5 * Db.Count($"SELECT count(*) FROM {R.Good("chats")} WHERE hour(sent_at) = 4"));
    }

    [Fact]
    public void Bad_rows_are_only_those_a_typed_file_can_hold_and_they_are_there()
    {
        Assert.DoesNotContain(M.BadRows, b => b.Value == "yesterday noon");
        Assert.DoesNotContain(M.BadRows, b => b.Column is "sent_at" or "created_at");
        Assert.True(Db.Count($"SELECT count(*) FROM {R.All("orders")} WHERE amount = -12.50 AND bad") >= 1, "no order with amount -12.50");
        Assert.True(Db.Count($"SELECT count(*) FROM {R.All("orders")} WHERE refund_amount = 999.00 AND amount < 999 AND bad") >= 1);
        Assert.True(Db.Count($"SELECT count(*) FROM {R.All("chats")} WHERE sender IS NULL AND raw_sender = 'robot' AND bad") >= 1);
        Assert.True(Db.Count($"SELECT count(*) FROM {R.All("agents")} WHERE raw_hired_on IS NULL AND bad") >= 1);
        Assert.True(Db.Count($"SELECT count(*) FROM {R.All("training")} WHERE score = 140 AND bad") >= 1);
        Assert.True(Db.Count($"SELECT count(*) FROM {R.All("ratings")} WHERE score = 7 AND bad") >= 1);
    }
}
