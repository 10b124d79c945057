using System.Text.Json;
using System.Text.RegularExpressions;
using CsKpi.Etl.Tests.Support;
using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Etl.Tests;

/// <summary>
/// Every reason the ETL stores is a code and its values (migration 0067), and the English sentence beside it is made
/// from that code by the one table, <see cref="EtlReasons.English"/>: a row reject of each raw script, the rows the
/// loader sets aside itself (a totals row, a malformed CSV record), a rejected file, a skipped one and a loaded file's notes.
/// </summary>
public sealed partial class ReasonCodeTests
{
    private const string ChatHeader = "message_id,store_id,buyer_id,agent_id,sender,sent_at,content";

    private sealed record StoredReject(long Line, string? Column, string? Value, string Reason, string? Code, string? Args);

    private static List<StoredReject> Rejects(EtlTestBed bed, string file) =>
        bed.Query<StoredReject>("""
            select line as Line, column_name as Column, value as Value, reason as Reason, reason_code as Code, reason_args as Args
            from etl.rejects where file_name = $file order by line
            """, new { file });

    /// <summary>The English the C# table makes of a stored reject's code and values: the SQL must have written the same.</summary>
    private static string English(StoredReject r)
    {
        var args = r.Args is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(r.Args)!;
        return EtlReasons.Fill(EtlReasons.English[r.Code!], name => name switch
        {
            "column" => r.Column ?? "",
            "value" => r.Value ?? "",
            _ => args.GetValueOrDefault(name) ?? "",
        });
    }

    private static void AssertCoded(StoredReject r, long line, string column, string value, string code, string? args = null)
    {
        Assert.Equal((line, column, value, code), (r.Line, r.Column, r.Value, r.Code));
        Assert.Equal(args, r.Args is null ? null : JsonSerializer.Serialize(JsonSerializer.Deserialize<SortedDictionary<string, string>>(r.Args)));
        Assert.Equal(English(r), r.Reason);
    }

    [Fact]
    public void A_row_reject_of_every_raw_script_stores_its_code_and_values_and_the_english_made_from_them()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_bad.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,顾客,2026-03-08 09:00:00,在吗
            m2,朵朵云,小明,朵朵云:小A,buyer,,在吗
            """);
        bed.Write("orders_bad.csv", """
            order_id,store_id,buyer_id,created_at,amount,refund_amount
            T1,朵朵云,小明,2026-03-08 10:00:00,10.00,20.00
            T2,,小明,2026-03-08 10:00:00,10.00,
            """);
        bed.Write("ratings_bad.csv", """
            店铺,买家,客服账号,评价时间,评价
            朵朵云,小明,朵朵云:小A,2026-03-08 10:00:00,超级满意
            """);
        bed.Write("agents_bad.csv", """
            agent_id,name,store_id,hired_on,left_on,level,coefficient,as_of
            朵朵云:小A,小A,朵朵云,2025-06-01,2025-01-01,,,2026-03-01
            朵朵云:小B,小B,朵朵云,2025-06-01,,L1,9.9,2026-03-01
            """);
        bed.Write("courses_bad.csv", """
            course_id,title,category,pass_score,valid_months,required_for_level,hours
            C01,烹饪,烹饪,60,,,1
            """);
        bed.Write("training_bad.csv", """
            agent_id,course_id,status,event_on,score
            朵朵云:小A,C01,completed,2026-03-08,
            """);
        bed.Write("朵朵云旗舰店/客服数据_2026-03-01至2026-03-07.csv", """
            旺旺昵称,咨询人数,接待人数,有效接待人数,3分钟人工响应率,平均响应时长(秒)
            小美,100,98,95,九成,35
            """);

        bed.Ingest();

        var chats = Rejects(bed, "chats_bad.csv");
        AssertCoded(chats[0], 2, "sender", "顾客", "chats.sender.invalid");
        AssertCoded(chats[1], 3, "sent_at", "", "timestamp.empty");
        Assert.Equal("sender '顾客' is not one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)", chats[0].Reason);

        var orders = Rejects(bed, "orders_bad.csv");
        AssertCoded(orders[0], 2, "refund_amount", "20.00", "orders.refund_amount.above_amount", """{"amount":"10.00"}""");
        Assert.Equal("refund_amount 20.00 is above the amount paid (10.00); a refund is at most the amount", orders[0].Reason);
        AssertCoded(orders[1], 3, "store_id", "", "orders.store_id.empty");

        AssertCoded(Assert.Single(Rejects(bed, "ratings_bad.csv")), 2, "score", "超级满意", "ratings.score.invalid");

        var agents = Rejects(bed, "agents_bad.csv");
        AssertCoded(agents[0], 2, "left_on", "2025-01-01", "agents.left_on.before_hired_on", """{"hired_on":"2025-06-01"}""");
        Assert.Equal("coefficient", agents[1].Column);
        Assert.Equal("agents.coefficient.out_of_range", agents[1].Code);
        var range = JsonSerializer.Deserialize<Dictionary<string, string>>(agents[1].Args!)!;
        Assert.Equal("L1", range["level"]);
        Assert.Equal(English(agents[1]), agents[1].Reason);
        Assert.Equal($"coefficient 9.9 is outside L1's range {range["min"]}–{range["max"]}", agents[1].Reason);

        AssertCoded(Assert.Single(Rejects(bed, "courses_bad.csv")), 2, "category", "烹饪", "courses.category.invalid");
        AssertCoded(Assert.Single(Rejects(bed, "training_bad.csv")), 2, "score", "", "training.score.missing");
        AssertCoded(Assert.Single(Rejects(bed, "朵朵云旗舰店/客服数据_2026-03-01至2026-03-07.csv")), 2, "taobao_manual_response_rate", "九成", "agent_report.metric.invalid");
    }

    [Fact]
    public void A_totals_row_and_a_malformed_csv_record_store_their_codes_and_counts()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_rows.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗,多一列
            m2,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:01,在吗
            合计,,,,,,
            """);

        bed.Ingest();

        var rejects = Rejects(bed, "chats_rows.csv");
        Assert.Equal(2, rejects.Count);
        Assert.Equal((2L, "row.too_many_fields"), (rejects[0].Line, rejects[0].Code));
        Assert.Equal(new Dictionary<string, string> { ["expected"] = "7", ["found"] = "8" }, JsonSerializer.Deserialize<Dictionary<string, string>>(rejects[0].Args!));
        Assert.Equal("the row has 8 fields but the header has 7; a comma inside a value needs double quotes around the value", rejects[0].Reason);
        Assert.Equal((4L, "合计", "row.summary", (string?)null), (rejects[1].Line, rejects[1].Value, rejects[1].Code, rejects[1].Args));
        Assert.Equal(English(rejects[1]), rejects[1].Reason);
    }

    private sealed record StoredFile(string Outcome, string? Reason, string? Code, string? Args, string? Note, string? NoteCodes);

    private static StoredFile File(EtlTestBed bed, string name) =>
        bed.Query<StoredFile>("""
            select outcome as Outcome, reason as Reason, reason_code as Code, reason_args as Args, note as Note, note_codes as NoteCodes
            from etl.file_ledger where file_name = $name
            """, new { name }).Single();

    [Fact]
    public void A_rejected_file_a_skipped_file_and_a_loaded_files_notes_store_codes_and_values_beside_their_english()
    {
        using var bed = new EtlTestBed(store: "朵朵云");
        bed.Write("orders_no_amount.csv", """
            order_id,store_id,buyer_id,created_at,paid_at
            T1001,朵朵云,小明,2026-03-08 10:00:00,2026-03-08 10:05:00
            """);
        bed.Write("chats_quote.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,"在吗
            m2,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:01,在吗
            """);
        bed.Write("ExportOrderDetailList202603081200.csv", """
            订单编号,标题,价格,购买数量
            T1,杯子,10.00,1
            """);
        // 拼多多's export has no buyer account and no store column: both are notes.
        bed.Write("orders_nobuyer.csv", """
            订单号,商品总价(元),用户实付金额(元),商家实收金额(元),订单状态,订单成交时间
            P1,10.00,10.00,9.50,已签收,2026-03-08 10:00:00
            """);

        var reports = bed.Ingest();

        var missing = File(bed, "orders_no_amount.csv");
        Assert.Equal(("rejected", "file.column_missing"), (missing.Outcome, missing.Code));
        var args = JsonSerializer.Deserialize<Dictionary<string, string>>(missing.Args!)!;
        Assert.Equal("amount (买家实际支付金额)", args["columns"]);
        Assert.Equal("order_id, store_id, buyer_id, created_at, paid_at", args["headers"]);
        Assert.Equal("required column missing: amount (买家实际支付金额); the header has order_id, store_id, buyer_id, created_at, paid_at", missing.Reason);
        Assert.Equal(missing.Reason, Assert.Single(reports, r => r.File == "orders_no_amount.csv").Why!.Text());

        // Within the sniffer's sample DuckDB names no line: the reason says what most often causes it.
        var quote = File(bed, "chats_quote.csv");
        Assert.Equal(("rejected", "file.csv_unsplittable", "{}"), (quote.Outcome, quote.Code, quote.Args));
        Assert.StartsWith("its first rows cannot be split into CSV fields", quote.Reason, StringComparison.Ordinal);

        var items = File(bed, "ExportOrderDetailList202603081200.csv");
        Assert.Equal(("skipped", "file.skip.item_rows"), (items.Outcome, items.Code));
        Assert.EndsWith("so this file is not loaded", items.Reason, StringComparison.Ordinal);

        var loaded = File(bed, "orders_nobuyer.csv");
        Assert.Equal("loaded", loaded.Outcome);
        var notes = JsonDocument.Parse(loaded.NoteCodes!).RootElement.EnumerateArray()
            .Select(n => (n.GetProperty("code").GetString(), n.GetProperty("args").GetRawText())).ToList();
        Assert.Equal([("note.no_buyer_column", "{}"), ("note.store_option", """{"store":"朵朵云"}""")], notes);
        Assert.Equal(
            "the file has no buyer column, so its orders count in the store's totals but can never be credited to an agent; crediting needs 买家会员名 (the buyer's account); store 朵朵云 (--store 朵朵云)",
            loaded.Note);
    }

    [Fact]
    public void A_file_that_cannot_be_read_stores_its_code_with_nested_codes_for_what_it_really_is()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_zip.csv.gz", "PK\u0003\u0004 not a gzip file");

        var report = Assert.Single(bed.Ingest());

        var file = File(bed, "chats_zip.csv.gz");
        Assert.Equal(("rejected", "file.not_gzip"), (file.Outcome, file.Code));
        var args = JsonSerializer.Deserialize<Dictionary<string, string>>(file.Args!)!;
        Assert.Equal(("content.zip", "advice.zip"), (args["content"], args["advice"]));
        Assert.Equal("this .csv.gz file is not gzip-compressed: it is really a zip archive; unzip it and drop the files inside into the inbox", file.Reason);
        Assert.Equal(file.Reason, report.Reason);
    }

    [Fact]
    public void Every_code_the_sql_writes_has_an_english_template_and_the_sql_english_matches_the_csharp_english()
    {
        var scripts = new[]
        {
            "raw/chat_message_typed.sql", "raw/order_state.sql", "raw/rating.sql", "raw/roster_snapshot.sql", "raw/course_version.sql",
            "raw/training_event.sql", "raw/agent_report.sql", "etl/summary_row_rejects.sql", "etl/malformed_row_rejects.sql",
        };
        var written = scripts.SelectMany(s => SqlCode().Matches(SqlScripts.Get(s)).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.True(written.Count >= 50, $"only {written.Count} codes found in the scripts");
        Assert.DoesNotContain(written, code => !EtlReasons.English.ContainsKey(code));
        Assert.DoesNotContain(scripts, s => SqlScripts.Get(s).Contains("'reason':", StringComparison.Ordinal));

        // The macro the loader makes of the table, evaluated by DuckDB for every row code, says what C# says.
        using var bed = new EtlTestBed();
        using var connection = bed.Warehouse.OpenConnection();
        var rowCodes = EtlReasons.English.Keys.Where(EtlReasons.IsRowReason).ToList();
        Assert.Subset(written, rowCodes.ToHashSet());
        foreach (var code in rowCodes)
        {
            var args = EtlReasons.Placeholders(EtlReasons.English[code]).Where(p => p is not ("column" or "value")).ToDictionary(p => p, p => $"<{p}>");
            var sql = EtlReasons.SqlEnglish("$code", "$column", "$value", "$args");
            var english = connection.ExecuteScalar<string>($"select {sql}", new { code, column = "col", value = "v'1", args = JsonSerializer.Serialize(args) });
            Assert.Equal(EtlReasons.Fill(EtlReasons.English[code], n => n switch { "column" => "col", "value" => "v'1", _ => args[n] }), english);
        }
    }

    [Fact]
    public void A_reason_code_without_an_english_template_is_refused_where_it_is_made()
    {
        Assert.Throws<ArgumentException>(() => new EtlReason("no.such.code"));
        Assert.Equal("store 朵朵云 (folder 朵朵云/)", new EtlReason("note.store_folder", ("store", "朵朵云")).Text());
    }

    /// <summary>A code a script writes: <c>'code': 'x'</c>, the codes of a case inside it, or row.* in sql/etl.</summary>
    [GeneratedRegex(@"'((?:timestamp|score_0_100|money|chats|orders|ratings|agents|courses|training|agent_report|row)\.[a-z_.]+)'")]
    private static partial Regex SqlCode();
}
