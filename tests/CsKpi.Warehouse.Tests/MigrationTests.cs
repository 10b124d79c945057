using System.Data;
using Dapper;

namespace CsKpi.Warehouse.Tests;

public sealed class MigrationTests : IDisposable
{
    private static readonly Migration Schemas = MigrationRunner.Embedded[0];
    private static readonly Migration AddReception = new(2, "reception", "create table core.fct_reception (reception_id integer primary key)");

    // These tests build a warehouse of one or two migrations, on which the embedded views (over raw.*, marts.*) cannot exist.
    private static readonly IReadOnlyList<Definition> NoDefinitions = [];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_embedded_migrations_start_with_the_schemas()
    {
        Assert.Equal(1, Schemas.Version);
        Assert.Equal("schemas", Schemas.Name);
        Assert.Contains("create schema if not exists marts", Schemas.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_file_gets_the_schemas_and_records_the_version()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(temp.File("x.duckdb")));
        using var connection = warehouse.OpenConnection();

        var schemas = connection.Query<string>(
            "select schema_name from duckdb_schemas() where database_name = current_database() order by 1").ToList();
        Assert.Subset(schemas.ToHashSet(), new HashSet<string> { "etl", "raw", "core", "marts", "app" });
        var applied = MigrationRunner.Applied(connection);
        Assert.Equal((1, "schemas"), (applied[0].Version, applied[0].Name));
        Assert.Equal(MigrationRunner.Embedded.Select(m => (m.Version, m.Name)), applied.Select(a => (a.Version, a.Name)));
        Assert.Equal(MigrationRunner.Embedded[^1].Version, MigrationRunner.CurrentVersion(connection));
    }

    [Fact]
    public void An_old_file_is_upgraded_when_opened_by_a_newer_build()
    {
        var path = temp.File("x.duckdb");
        using (var old = WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas], NoDefinitions))
        using (var connection = old.OpenConnection())
        {
            Assert.Equal(1, MigrationRunner.CurrentVersion(connection));
        }

        using var upgraded = WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas, AddReception], NoDefinitions);
        using var check = upgraded.OpenConnection();

        Assert.Equal(2, MigrationRunner.CurrentVersion(check));
        Assert.Equal([1, 2], MigrationRunner.Applied(check).Select(a => a.Version));
        Assert.Equal(0, check.ExecuteScalar<long>("select count(*) from core.fct_reception"));
    }

    [Fact]
    public void Reopening_a_current_file_applies_nothing()
    {
        var path = temp.File("x.duckdb");
        IReadOnlyList<AppliedMigration> before;
        using (var first = WarehouseDatabase.Open(new WarehouseOptions(path)))
        using (var connection = first.OpenConnection())
        {
            before = MigrationRunner.Applied(connection);
        }

        using var again = WarehouseDatabase.Open(new WarehouseOptions(path));
        using var check = again.OpenConnection();

        Assert.Equal(before, MigrationRunner.Applied(check));
        Assert.Empty(MigrationRunner.ForEmbedded().Apply(check));
    }

    [Fact]
    public void A_failing_migration_leaves_the_file_at_the_previous_version()
    {
        var path = temp.File("x.duckdb");
        var broken = new Migration(2, "broken", "create table core.half_done (x integer); select * from no_such_table");

        var error = Assert.Throws<InvalidOperationException>(
            () => WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas, broken], NoDefinitions));
        Assert.Contains("0002_broken", error.Message, StringComparison.Ordinal);

        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas], NoDefinitions);
        using var check = warehouse.OpenConnection();
        Assert.Equal(1, MigrationRunner.CurrentVersion(check));
        Assert.Equal(0, check.ExecuteScalar<long>("select count(*) from duckdb_tables() where table_name = 'half_done'"));
    }

    [Fact]
    public void A_file_from_a_newer_build_is_refused()
    {
        var path = temp.File("x.duckdb");
        WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas, AddReception], NoDefinitions).Dispose();

        var error = Assert.Throws<InvalidOperationException>(
            () => WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas], NoDefinitions));

        Assert.Contains("newer CsKpi", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renamed_migration_is_refused()
    {
        var path = temp.File("x.duckdb");
        WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas, AddReception], NoDefinitions).Dispose();

        var error = Assert.Throws<InvalidOperationException>(() => WarehouseDatabase.Open(
            new WarehouseOptions(path), [Schemas, AddReception with { Name = "receptions" }], NoDefinitions));

        Assert.Contains("must not be renamed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_applied_migration_edited_since_is_refused_by_name()
    {
        var path = temp.File("x.duckdb");
        WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas, AddReception], NoDefinitions).Dispose();
        var edited = AddReception with { Sql = AddReception.Sql + ", store_id varchar" };

        var error = Assert.Throws<InvalidOperationException>(
            () => WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas, edited], NoDefinitions));

        Assert.Contains("0002_reception", error.Message, StringComparison.Ordinal);
        Assert.Contains("was edited", error.Message, StringComparison.Ordinal);
        Assert.Contains("Revert the edit", error.Message, StringComparison.Ordinal);
        Assert.Contains("new migration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_file_records_the_checksum_of_every_migration()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(temp.File("x.duckdb")));
        using var connection = warehouse.OpenConnection();

        var recorded = MigrationRunner.Applied(connection).ToDictionary(a => a.Version, a => a.Checksum);
        Assert.All(MigrationRunner.Embedded, m => Assert.Equal(m.Checksum, recorded[m.Version]));
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("create schema x;\n"u8)),
            new Migration(9, "x", "create schema x;\r\n").Checksum);
    }

    [Fact]
    public void A_file_of_a_build_before_checksums_adopts_them_on_the_migrated_copy()
    {
        var path = temp.File("old.duckdb");
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=" + path))
        {
            // schema_version as builds before checksums made it, with version 1 applied.
            connection.Open();
            connection.Execute(Schemas.Sql);
            connection.Execute("""
                create table main.schema_version (
                    version integer primary key, name varchar not null, applied_at timestamp not null default current_timestamp);
                insert into main.schema_version (version, name) values (1, 'schemas');
                checkpoint;
                """);
        }

        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas, AddReception], NoDefinitions))
        using (var connection = warehouse.OpenConnection())
        {
            Assert.Equal([Schemas.Checksum, AddReception.Checksum], MigrationRunner.Applied(connection).Select(a => a.Checksum));
        }

        // The new column was added on the copy (an ALTER of schema_version cannot be replayed from a WAL): no WAL is left.
        Assert.False(File.Exists(path + ".wal") && new FileInfo(path + ".wal").Length > 0);
        var error = Assert.Throws<InvalidOperationException>(() => WarehouseDatabase.Open(
            new WarehouseOptions(path), [Schemas with { Sql = Schemas.Sql + "\ncreate schema if not exists extra;" }, AddReception], NoDefinitions));
        Assert.Contains("0001_schemas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_an_older_build_added_to_a_checksummed_file_adopts_its_checksum()
    {
        var path = temp.File("x.duckdb");
        WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas], NoDefinitions).Dispose();
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=" + path))
        {
            // An older build applied 0002 and wrote its row without a checksum.
            connection.Open();
            connection.Execute(AddReception.Sql + "; insert into main.schema_version (version, name) values (2, 'reception'); checkpoint;");
        }

        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(path), [Schemas, AddReception], NoDefinitions);
        using var check = warehouse.OpenConnection();
        Assert.Equal(AddReception.Checksum, MigrationRunner.Applied(check)[1].Checksum);
    }

    [Fact]
    public void Chat_messages_loaded_before_0074_stay_as_they_were_and_both_ids_are_written_with_fsst_after()
    {
        // The file as the build before opened it, its views over raw.chat_message included: the rebuild drops the table under them.
        var path = temp.File("x.duckdb");
        const string Rows = "select * from raw.chat_message order by load_seq";
        List<(string, string?, string, string, string, string, DateTime, string?, long, long, long)> before;
        using (var old = WarehouseDatabase.Open(new WarehouseOptions(path), MigrationRunner.Embedded.Where(m => m.Version < 74).ToList()))
        using (var connection = old.OpenConnection())
        {
            connection.Execute("""
                insert into raw.chat_message values
                    ('朵朵云#m1', 'm1', '朵朵云', '小明', '朵朵云:小A', 'buyer', '2026-03-08 09:00:00', '在吗', 1, 2, 1000000002),
                    ('3b5d5c3712955042212316173ccf37be', null, '朵朵云', '小明', '朵朵云:小A', 'agent', '2026-03-08 09:00:01', null, 1, 3, 1000000003);
                checkpoint;
                """);
            before = connection.Query<(string, string?, string, string, string, string, DateTime, string?, long, long, long)>(Rows).ToList();
        }

        using var upgraded = WarehouseDatabase.Open(new WarehouseOptions(path));
        using var check = upgraded.OpenConnection();
        Assert.Equal(before, check.Query<(string, string?, string, string, string, string, DateTime, string?, long, long, long)>(Rows));
        Assert.Equal(
            ["聊天消息 — one row per chat message, deduplicated on message_key", "消息键 — store and message_id, or a hash of (store, buyer, agent, sent_at, sender, content) when the file has no id"],
            Comments(check, "raw.chat_message", "raw.chat_message.message_key"));
        check.Execute("""
            insert into raw.chat_message values ('朵朵云#m2', 'm2', '朵朵云', '小明', '朵朵云:小A', 'auto', '2026-03-08 09:00:02', '您好', 2, 2, 2000000002);
            checkpoint;
            """);
        // Two or three short values: left to choose, DuckDB stores them uncompressed or as a dictionary, not FSST.
        Assert.Equal(
            [("chat_message", "message_id", "FSST"), ("chat_message", "message_key", "FSST")],
            Compressions(check, "raw.chat_message.message_id", "raw.chat_message.message_key"));
    }

    [Fact]
    public void Orders_and_credits_written_before_0075_stay_as_they_were_and_are_written_with_the_named_compression_after()
    {
        var path = temp.File("x.duckdb");
        const string Orders = "select store_id, order_id, buyer_id, created_at, paid_at, amount, refunded_at from core.fct_order";
        const string Credits = "select store_id, order_id, rule, in_force, agent_id, basis, message_key, message_at, window_from from core.fct_order_credit";
        const string Credited = "select agent_id, order_id, buyer_id, paid_at, amount, rule, message_key from marts.agent_order";
        List<(string, string, string?, DateTime, DateTime?, decimal, DateTime?)> orders;
        List<(string, string, string, bool, string?, string?, string?, DateTime?, DateTime?)> credits;
        List<(string, string, string, DateTime, decimal, string, string?)> credited;
        using (var old = WarehouseDatabase.Open(new WarehouseOptions(path), MigrationRunner.Embedded.Where(m => m.Version < 75).ToList()))
        using (var connection = old.OpenConnection())
        {
            // rows in an order a sort would change, so the test sees that the rebuild keeps them as they were
            connection.Execute("""
                insert into core.fct_order values
                    ('朵朵云', 'o2', '小明', '2026-03-08 10:00:00', '2026-03-08', '2026-03-08 10:05:00', '2026-03-08', 99.50, 1, 'paid', 0, null, null, '2026-03-08 10:05:00'),
                    ('朵朵云', 'o1', null, '2026-03-08 09:00:00', '2026-03-08', null, null, 20.00, 2, 'created', 0, null, null, null);
                insert into core.fct_order_credit values
                    ('朵朵云', 'o2', 'order_created', true, '朵朵云:小A', 'created_at', '朵朵云#m1', '2026-03-08 09:59:00', '2026-03-08', '2026-03-05 10:00:00', '2026-03-08 10:00:00'),
                    ('朵朵云', 'o2', 'paid', false, null, 'paid_at', null, null, null, '2026-03-05 10:05:00', '2026-03-08 10:05:00'),
                    ('朵朵云', 'o1', 'order_created', true, null, 'created_at', null, null, null, '2026-03-05 09:00:00', '2026-03-08 09:00:00');
                insert into marts.agent_order values
                    ('朵朵云', '朵朵云:小A', 'o2', '小明', '2026-03-08 10:00:00', '2026-03-08 10:05:00', '2026-03-08', 99.50, 'paid', 'order_created', 'created_at', '朵朵云#m1', '2026-03-08 09:59:00', '2026-03-05 10:00:00', '2026-03-08 10:00:00');
                checkpoint;
                """);
            orders = connection.Query<(string, string, string?, DateTime, DateTime?, decimal, DateTime?)>(Orders).ToList();
            credits = connection.Query<(string, string, string, bool, string?, string?, string?, DateTime?, DateTime?)>(Credits).ToList();
            credited = connection.Query<(string, string, string, DateTime, decimal, string, string?)>(Credited).ToList();
        }

        using var upgraded = WarehouseDatabase.Open(new WarehouseOptions(path));
        using var check = upgraded.OpenConnection();
        Assert.Equal(orders, check.Query<(string, string, string?, DateTime, DateTime?, decimal, DateTime?)>(Orders));
        Assert.Equal(credits, check.Query<(string, string, string, bool, string?, string?, string?, DateTime?, DateTime?)>(Credits));
        Assert.Equal(credited, check.Query<(string, string, string, DateTime, decimal, string, string?)>(Credited));
        Assert.Equal(
            ["订单 — the current state of each order (newest by updated_at, else by load order)", "买家会员名",
             "订单落实 — for each order and each attribution rule, the credited agent (null = silent) and the trace of why",
             "判定规则 — order_created (下单判定), paid (付款判定) or order_first (下单优先判定)",
             "客服落实订单 — one row per paid order credited, under the rule in force, to an agent: the orders an agent's page lists, stored by store, agent and paid day",
             "落实客服 — core.fct_order_credit.agent_id of the rule in force"],
            Comments(check, "core.fct_order", "core.fct_order.buyer_id", "core.fct_order_credit", "core.fct_order_credit.rule",
                "marts.agent_order", "marts.agent_order.agent_id"));
        // a buyer-less order still loads (0052), and the credits' not-null columns still refuse a null
        Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => check.Execute(
            "insert into core.fct_order_credit values ('朵朵云', 'o3', null, false, null, null, null, null, null, null, null)"));
        check.Execute("""
            insert into core.fct_order values ('朵朵云', 'o3', null, '2026-03-09 09:00:00', '2026-03-09', null, null, 5.00, 1, 'created', 0, null, null, null);
            insert into core.fct_order_credit values ('朵朵云', 'o3', 'paid', true, null, 'paid_at', null, null, null, null, null);
            checkpoint;
            """);
        // A few short values: left to choose, DuckDB stores them uncompressed or as a constant, not as named.
        Assert.Equal(
            [("fct_order", "order_id", "FSST"), ("fct_order", "status", "Dictionary"), ("fct_order_credit", "order_id", "FSST"),
             ("fct_order_credit", "rule", "Dictionary"), ("fct_order_credit", "window_to", "BitPacking")],
            Compressions(check, "core.fct_order.order_id", "core.fct_order.status", "core.fct_order_credit.order_id",
                "core.fct_order_credit.rule", "core.fct_order_credit.window_to"));
    }

    [Fact]
    public void Message_facts_written_before_0076_stay_as_they_were_and_are_written_with_the_named_compression_after()
    {
        var path = temp.File("x.duckdb");
        const string Receptions = "select store_id, agent_id, buyer_id, business_day, consultation_key, agent_key, filter_reason, is_received, first_buyer_at, questions, first_response_seconds, reception_seconds, is_service_hours from core.fct_reception";
        const string Questions = "select buyer_id, business_day, consultation_key, question_no, asked_at, buyer_messages, replied_at, response_seconds from core.fct_question";
        const string AgentMessages = "select agent_id, business_day, consultation_key, sent_at, load_seq, message_key, is_in_reception from core.fct_agent_message";
        List<(string, string, string, DateTime, ulong, long, string?, bool, DateTime, int, double?, double, bool?)> receptions;
        List<(string, DateTime, ulong, int, DateTime, int, DateTime?, double?)> questions;
        List<(string, DateTime, ulong, DateTime, long, string, bool)> agentMessages;
        using (var old = WarehouseDatabase.Open(new WarehouseOptions(path), MigrationRunner.Embedded.Where(m => m.Version < 76).ToList()))
        using (var connection = old.OpenConnection())
        {
            // rows in an order a sort would change, so the test sees that the rebuild keeps them as they were
            connection.Execute("""
                insert into core.fct_reception values
                    ('朵朵云', '朵朵云:小A', '小明', '2026-03-08', 11, 7, null, true, true, '2026-03-08 09:00:00', 2, 1, 0, 1, 1, 5.0, 5.0, 0, false, true, 65.5, true, 5.0, 5.0),
                    ('朵朵云', '朵朵云:小B', '小红', '2026-03-07', 12, 8, 'ad', false, false, '2026-03-07 09:00:00', 1, 0, 0, 1, 0, null, 0, 0, false, false, 0, null, null, null);
                insert into core.fct_question values
                    ('朵朵云', '朵朵云:小A', '小明', '2026-03-08', 11, 2, '2026-03-08 09:10:00', 1, null, null),
                    ('朵朵云', '朵朵云:小A', '小明', '2026-03-08', 11, 1, '2026-03-08 09:00:00', 1, '2026-03-08 09:00:05', 5.0);
                insert into core.fct_agent_message values
                    ('朵朵云', '朵朵云:小A', '小明', '2026-03-08', 11, '2026-03-08 09:00:05', 3, '朵朵云#m3', true),
                    ('朵朵云', '朵朵云:小B', '小红', '2026-03-07', 12, '2026-03-07 09:00:05', 2, '朵朵云#m2', false);
                checkpoint;
                """);
            receptions = connection.Query<(string, string, string, DateTime, ulong, long, string?, bool, DateTime, int, double?, double, bool?)>(Receptions).ToList();
            questions = connection.Query<(string, DateTime, ulong, int, DateTime, int, DateTime?, double?)>(Questions).ToList();
            agentMessages = connection.Query<(string, DateTime, ulong, DateTime, long, string, bool)>(AgentMessages).ToList();
        }

        using var upgraded = WarehouseDatabase.Open(new WarehouseOptions(path));
        using var check = upgraded.OpenConnection();
        Assert.Equal(receptions, check.Query<(string, string, string, DateTime, ulong, long, string?, bool, DateTime, int, double?, double, bool?)>(Receptions));
        Assert.Equal(questions, check.Query<(string, DateTime, ulong, int, DateTime, int, DateTime?, double?)>(Questions));
        Assert.Equal(agentMessages, check.Query<(string, DateTime, ulong, DateTime, long, string, bool)>(AgentMessages));
        Assert.Equal(
            ["咨询 — one row per consultation (store, agent, buyer, business day in which the buyer wrote); received unless filtered",
             "最长人工等待 — the longest any buyer message sent in service hours waited for an agent message (infinity when none came); null when no buyer message fell in service hours",
             "问题 — one row per question of a reception: a run of buyer messages and the first reply after it",
             "回复时间 — the first reply after it in the same reception; null = unanswered",
             "客服消息 — one row per agent message (not auto, not system): what credits orders (in a reception) and counts as assist",
             "接待内 — part of a received (not filtered) consultation: only these credit orders"],
            Comments(check, "core.fct_reception", "core.fct_reception.longest_manual_wait_seconds", "core.fct_question",
                "core.fct_question.replied_at", "core.fct_agent_message", "core.fct_agent_message.is_in_reception"));
        // the not-null columns still refuse a null, the nullable ones still take one
        Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => check.Execute(
            "insert into core.fct_reception values ('朵朵云', '朵朵云:小C', null, '2026-03-09', 13, 9, null, true, true, '2026-03-09 09:00:00', 1, 0, 0, 1, 0, null, 0, 0, false, false, 0, null, null, null)"));
        Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => check.Execute(
            "insert into core.fct_question values ('朵朵云', '朵朵云:小C', '小刚', '2026-03-09', 13, 1, '2026-03-09 09:00:00', null, null, null)"));
        Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => check.Execute(
            "insert into core.fct_agent_message values ('朵朵云', '朵朵云:小C', '小刚', '2026-03-09', 13, '2026-03-09 09:00:05', 4, null, true)"));
        check.Execute("""
            insert into core.fct_reception values ('朵朵云', '朵朵云:小C', '小刚', '2026-03-09', 13, 9, 'no_text', false, false, '2026-03-09 09:00:00', 1, 0, 0, 1, 0, null, 0, 0, false, false, 0, null, null, null);
            insert into core.fct_question values ('朵朵云', '朵朵云:小C', '小刚', '2026-03-09', 13, 1, '2026-03-09 09:00:00', 1, null, null);
            insert into core.fct_agent_message values ('朵朵云', '朵朵云:小C', '小刚', '2026-03-09', 13, '2026-03-09 09:00:05', 4, '朵朵云#m4', false);
            checkpoint;
            """);
        // A few short values: left to choose, DuckDB stores them uncompressed, not as named.
        Assert.Equal(
            [("fct_agent_message", "message_key", "FSST"), ("fct_agent_message", "sent_at", "BitPacking"),
             ("fct_question", "asked_at", "BitPacking"), ("fct_question", "buyer_id", "FSST"),
             ("fct_reception", "agent_id", "Dictionary"), ("fct_reception", "business_day", "RLE"), ("fct_reception", "reception_seconds", "ALP")],
            Compressions(check, "core.fct_agent_message.message_key", "core.fct_agent_message.sent_at", "core.fct_question.asked_at",
                "core.fct_question.buyer_id", "core.fct_reception.agent_id", "core.fct_reception.business_day",
                "core.fct_reception.reception_seconds"));
    }

    /// <summary>The comment of each table ("schema.table") and column ("schema.table.column") named, in the order named:
    /// a rebuilt table must keep the comments its earlier migrations gave it.</summary>
    private static List<string> Comments(IDbConnection connection, params string[] names) =>
        names.Select(name => name.Split('.') switch
        {
            [var schema, var table] => connection.QuerySingle<string>(
                "select comment from duckdb_tables() where schema_name = $schema and table_name = $table", new { schema, table }),
            [var schema, var table, var column] => connection.QuerySingle<string>(
                "select comment from duckdb_columns() where schema_name = $schema and table_name = $table and column_name = $column",
                new { schema, table, column }),
            _ => throw new ArgumentException($"schema.table or schema.table.column expected, not {name}", nameof(names)),
        }).ToList();

    /// <summary>How each column named ("schema.table.column") stores its values, as (table, column, method), in the order
    /// named; a column stored two ways in its segments gives two rows (validity masks left out).</summary>
    private static List<(string, string, string)> Compressions(IDbConnection connection, params string[] columns) =>
        columns.SelectMany(name => name.Split('.') is [var schema, var table, var column]
            ? connection.Query<string>(
                    $"select distinct compression from pragma_storage_info('{schema}.{table}') where column_name = $column and segment_type <> 'VALIDITY' order by 1",
                    new { column })
                .Select(method => (table, column, method))
            : throw new ArgumentException($"schema.table.column expected, not {name}", nameof(columns))).ToList();

    [Fact]
    public void Duplicate_versions_are_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => new MigrationRunner([Schemas, Schemas with { Name = "again" }]));
    }
}
