using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsKpi.Etl.Tests.Support;
using Reject = CsKpi.Etl.Tests.Support.EtlTestBed.Reject;

namespace CsKpi.Etl.Tests;

/// <summary>
/// The bad input of issue 3, one small hand-written file per case: exactly which rows load (and with which values),
/// and exactly which are rejected, at which line and column, with which value and reason.
/// "line" is the row as a spreadsheet shows it: the CSV header is line 1 and every record is one line, even when a
/// quoted value spans several physical lines; JSON Lines count records from 1.
/// </summary>
public sealed class BadInputTests
{
    private const string ChatHeader = "message_id,store_id,buyer_id,agent_id,sender,sent_at,content";

    private static readonly Encoding Gb18030;

    static BadInputTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    // ---- whole files ---------------------------------------------------------------------------------------------

    [Fact]
    public void A_file_without_a_required_column_is_rejected_whole_naming_the_column_and_its_alias_and_the_rest_loads()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_no_amount.csv", """
            order_id,store_id,buyer_id,created_at,paid_at
            T1001,朵朵云,小明,2026-03-08 10:00:00,2026-03-08 10:05:00
            T1002,朵朵云,阿花,2026-03-08 11:00:00,
            """);
        bed.Write("chats_ok.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,在的
            """);

        var reports = bed.Ingest();

        var orders = RejectedFile(bed, reports, "orders_no_amount.csv");
        Assert.Equal("required column missing: amount (买家实际支付金额); the header has order_id, store_id, buyer_id, created_at, paid_at", orders.Reason);
        Assert.Equal(0, bed.Scalar<long>("select count(*) from raw.order_state"));
        Assert.Empty(bed.Rejects("orders_no_amount.csv"));

        var chats = LoadedFile(bed, reports, "chats_ok.csv");
        Assert.Equal((2L, 2L, 0L, 0L), (chats.Read, chats.Loaded, chats.Duplicates, chats.Rejected));
    }

    [Fact]
    public void A_chinese_header_missing_two_required_columns_names_both_with_their_aliases()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_partial.csv", """
            消息ID,店铺,客服账号,发送方,内容
            m1,朵朵云,朵朵云:小A,买家,在吗
            """);

        var report = RejectedFile(bed, bed.Ingest(), "chats_partial.csv");

        Assert.Equal("required columns missing: buyer_id (买家 / 买家昵称), sent_at (时间); the header has 消息ID, 店铺, 客服账号, 发送方, 内容", report.Reason);
    }

    [Fact]
    public void An_empty_file_is_rejected_whole_and_a_header_only_file_loads_nothing()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_empty.csv", "");
        bed.Write("chats_blank.csv", "  \n\n");
        bed.Write("chats_header_only.csv", ChatHeader + "\n");
        bed.Write("orders_ok.csv", """
            order_id,store_id,buyer_id,created_at,amount
            T1001,朵朵云,小明,2026-03-08 10:00:00,99.00
            """);

        var reports = bed.Ingest();

        Assert.Equal("the file is empty: no header row, 0 bytes; the file was not loaded — export it again", RejectedFile(bed, reports, "chats_empty.csv").Reason);
        Assert.Equal("the file is empty: no header row, only white space; the file was not loaded — export it again", RejectedFile(bed, reports, "chats_blank.csv").Reason);
        var headerOnly = LoadedFile(bed, reports, "chats_header_only.csv");
        Assert.Equal((0L, 0L, 0L, 0L), (headerOnly.Read, headerOnly.Loaded, headerOnly.Duplicates, headerOnly.Rejected));
        Assert.Equal(1, LoadedFile(bed, reports, "orders_ok.csv").Loaded);
    }

    [Fact]
    public void Parquet_bytes_named_csv_are_rejected_whole_with_what_the_file_really_is()
    {
        using var bed = new EtlTestBed();
        var parquet = Path.Combine(bed.Root, "orders.parquet");
        bed.Scalar<long>($"copy (select 'T1001' as order_id, '朵朵云' as store_id) to '{parquet}' (format parquet)");
        File.Copy(parquet, Path.Combine(bed.Inbox, "orders.csv"));
        bed.Write("chats_ok.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            """);

        var reports = bed.Ingest();

        Assert.Equal("this .csv file is really a Parquet file; rename it to .parquet", RejectedFile(bed, reports, "orders.csv").Reason);
        Assert.Equal(1, LoadedFile(bed, reports, "chats_ok.csv").Loaded);
    }

    [Fact]
    public void A_truncated_gzip_is_rejected_whole_and_the_rest_of_the_inbox_loads()
    {
        using var bed = new EtlTestBed();
        var csv = new StringBuilder(ChatHeader + "\n");
        for (var i = 1; i <= 500; i++)
        {
            csv.Append($"m{i},朵朵云,买家{i % 17},朵朵云:小A,buyer,2026-03-08 09:{i / 60 % 60:00}:{i % 60:00},第{i}条消息\n");
        }

        var gzipped = Gzip(Encoding.UTF8.GetBytes(csv.ToString()));
        File.WriteAllBytes(Path.Combine(bed.Inbox, "chats_cut.csv.gz"), gzipped[..(gzipped.Length / 2)]);
        File.WriteAllBytes(Path.Combine(bed.Inbox, "chats_whole.csv.gz"), Gzip(Encoding.UTF8.GetBytes($"{ChatHeader}\nw1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,完整的\n")));

        var reports = bed.Ingest();

        var cut = RejectedFile(bed, reports, "chats_cut.csv.gz");
        Assert.StartsWith("the gzip file is truncated or damaged (", cut.Reason);
        Assert.EndsWith("); the file was not loaded — export it again", cut.Reason);
        Assert.Equal(1, LoadedFile(bed, reports, "chats_whole.csv.gz").Loaded);
        Assert.Equal(["w1"], bed.Query<string>("select message_id from raw.chat_message"));
    }

    // ---- encodings and headers -----------------------------------------------------------------------------------

    [Fact]
    public void A_gbk_file_with_chinese_headers_loads_the_right_chinese_text()
    {
        using var bed = new EtlTestBed();
        const string content = """
            消息ID,店铺,买家,客服账号,发送方,时间,内容
            m1,朵朵云旗舰店,小明,朵朵云旗舰店:小美,买家,2026-03-08 09:00:00,亲，这件羊毛衫有货吗？
            m2,朵朵云旗舰店,小明,朵朵云旗舰店:小美,客服,2026-03-08 09:00:20,有的亲～今天下单明天发货
            m3,朵朵云旗舰店,小明,朵朵云旗舰店:小美,自动回复,2026-03-08 09:00:21,您好，欢迎光临
            m4,朵朵云旗舰店,小明,朵朵云旗舰店:小美,机器人,2026-03-08 09:00:22,未知发送方
            """;
        Assert.Equal(content, EtlTestBed.Gbk.GetString(EtlTestBed.Gbk.GetBytes(content)));
        bed.Write("chats_gbk.csv", content, EtlTestBed.Gbk);

        var report = LoadedFile(bed, bed.Ingest(), "chats_gbk.csv");

        Assert.Equal((4L, 3L, 1L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(SourceEncoding.Gb18030, bed.Scalar<string>("select encoding from etl.file_ledger where file_name = 'chats_gbk.csv'"));
        Assert.Equal(
            [
                ("m1", "朵朵云旗舰店", "小明", "朵朵云旗舰店:小美", "buyer", "亲，这件羊毛衫有货吗？"),
                ("m2", "朵朵云旗舰店", "小明", "朵朵云旗舰店:小美", "agent", "有的亲～今天下单明天发货"),
                ("m3", "朵朵云旗舰店", "小明", "朵朵云旗舰店:小美", "auto", "您好，欢迎光临"),
            ],
            bed.Query<(string, string, string, string, string, string)>("select message_id, store_id, buyer_id, agent_id, sender, content from raw.chat_message order by message_id"));
        Assert.Equal([new Reject(5, "sender", "机器人", "sender '机器人' is not one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)")], bed.Rejects("chats_gbk.csv"));
    }

    [Fact]
    public void A_gb18030_file_loads_the_characters_gbk_does_not_have()
    {
        using var bed = new EtlTestBed();
        // 䶮 (U+4DAE) and 𠀀 (U+20000) are four-byte GB18030 sequences; GBK cannot encode them.
        const string content = """
            消息ID,店铺,买家昵称,子账号,发送方,时间,内容
            m1,朵朵云,刘䶮,朵朵云:小𠀀,买家,2026-03-08 09:00:00,请问䶮字能打出来吗😀
            m2,朵朵云,刘䶮,朵朵云:小𠀀,客服,2026/3/8 9:00:30,可以的
            """;
        Assert.NotEqual(content, EtlTestBed.Gbk.GetString(EtlTestBed.Gbk.GetBytes(content)));
        File.WriteAllBytes(Path.Combine(bed.Inbox, "chats_gb18030.csv"), Gb18030.GetBytes(content));

        var report = LoadedFile(bed, bed.Ingest(), "chats_gb18030.csv");

        Assert.Equal((2L, 2L, 0L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [
                ("刘䶮", "朵朵云:小𠀀", "buyer", new DateTime(2026, 3, 8, 9, 0, 0), "请问䶮字能打出来吗😀"),
                ("刘䶮", "朵朵云:小𠀀", "agent", new DateTime(2026, 3, 8, 9, 0, 30), "可以的"),
            ],
            bed.Query<(string, string, string, DateTime, string)>("select buyer_id, agent_id, sender, sent_at, content from raw.chat_message order by message_id"));
    }

    [Fact]
    public void A_utf8_file_with_a_bom_matches_its_first_chinese_header()
    {
        using var bed = new EtlTestBed();
        // The BOM sits right before 订单编号: if it stayed in the header, the required order_id would be missing.
        bed.Write("orders_bom.csv", """
            订单编号,店铺,买家会员名,订单创建时间,买家实际支付金额
            T1001,朵朵云,小明,2026-03-08 10:00:00,99.00
            """, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var report = LoadedFile(bed, bed.Ingest(), "orders_bom.csv");

        Assert.Equal((1L, 1L), (report.Read, report.Loaded));
        Assert.Equal(SourceEncoding.Utf8WithBom, bed.Scalar<string>("select encoding from etl.file_ledger"));
        Assert.Equal([("T1001", "朵朵云", "小明", 99.00m)], bed.Query<(string, string, string, decimal)>("select order_id, store_id, buyer_id, amount from raw.order_state"));
    }

    [Fact]
    public void Chinese_headers_and_the_shop_exports_status_wording_become_contract_values()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_taobao.csv", """
            订单编号,店铺,买家会员名,订单创建时间,订单付款时间,买家实际支付金额,宝贝总数量,订单状态,退款金额,退款时间
            T1001,朵朵云,小明,2026-03-08 10:00:00,,59.00,1,等待买家付款,,
            T1002,朵朵云,阿花,2026-03-08 10:01:00,2026-03-08 10:02:00,120.00,2,买家已付款，等待卖家发货,,
            T1003,朵朵云,小红,2026-03-08 10:03:00,2026-03-08 10:04:00,35.50,1,交易成功,,
            T1004,朵朵云,小刚,2026-03-08 10:05:00,,20.00,1,交易关闭,,
            T1005,朵朵云,小李,2026-03-08 10:06:00,2026-03-08 10:07:00,88.00,1,退款成功,88.00,2026-03-09 15:00:00
            T1006,朵朵云,小王,2026-03-08 10:08:00,2026-03-08 10:09:00,10.00,1,卖家已发货，等待买家确认,,
            T1007,朵朵云,小赵,2026-03-08 10:10:00,,10.00,1,神秘状态,,
            """);

        var report = LoadedFile(bed, bed.Ingest(), "orders_taobao.csv");

        Assert.Equal((7L, 6L, 1L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [("T1001", "created"), ("T1002", "paid"), ("T1003", "completed"), ("T1004", "closed"), ("T1005", "refunded"), ("T1006", "shipped")],
            bed.Query<(string, string)>("select order_id, status from raw.order_state order by order_id"));
        Assert.Equal(
            (88.00m, new DateTime(2026, 3, 9, 15, 0, 0), 2),
            bed.Query<(decimal, DateTime, int)>("select refund_amount, refunded_at, (select items from raw.order_state where order_id = 'T1002') from raw.order_state where order_id = 'T1005'").Single());
        var reject = Assert.Single(bed.Rejects("orders_taobao.csv"));
        Assert.Equal((8L, "status", "神秘状态"), (reject.Line, reject.Column, reject.Value));
        Assert.Equal("status '神秘状态' is unknown; expected created, paid, shipped, completed, closed, refunded or the shop export's wording (交易成功, 交易关闭, …)", reject.Reason);
    }

    [Fact]
    public void Extra_columns_are_reported_once_in_the_report_and_the_ledger_and_ignored()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_extra.csv", """
            message_id,store_id,remark,buyer_id,agent_id,sender,sent_at,content,订单号
            m1,朵朵云,VIP,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗,T1001
            m2,朵朵云,,小明,朵朵云:小A,agent,2026-03-08 09:00:10,在的,T1001
            """);

        var report = LoadedFile(bed, bed.Ingest(), "chats_extra.csv");

        Assert.Equal(["remark", "订单号"], report.ExtraColumns);
        Assert.Equal("remark, 订单号", bed.Scalar<string>("select extra_columns from etl.file_ledger where file_name = 'chats_extra.csv'"));
        Assert.Equal((2L, 2L, 0L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [("m1", "小明", "在吗"), ("m2", "小明", "在的")],
            bed.Query<(string, string, string)>("select message_id, buyer_id, content from raw.chat_message order by message_id"));
    }

    // ---- values --------------------------------------------------------------------------------------------------

    [Fact]
    public void Missing_required_values_reject_their_rows_naming_the_empty_column()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_gaps.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            m2,,小明,朵朵云:小A,buyer,2026-03-08 09:00:05,没有店铺
            m3,朵朵云,  ,朵朵云:小A,buyer,2026-03-08 09:00:10,买家只有空格
            m4,朵朵云,小明,,buyer,2026-03-08 09:00:15,没有客服账号
            m5,朵朵云,小明,朵朵云:小A,,2026-03-08 09:00:20,没有发送方
            m6,朵朵云,小明,朵朵云:小A,agent,,没有时间
            m7,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:01:00,
            """);
        bed.Write("orders_gaps.csv", """
            order_id,store_id,buyer_id,created_at,amount
            ,朵朵云,小明,2026-03-08 10:00:00,10.00
            T1002,朵朵云,小明,,10.00
            T1003,朵朵云,小明,2026-03-08 10:00:00,
            T1004,朵朵云,小明,2026-03-08 10:00:00,10.00
            """);

        var reports = bed.Ingest();

        var chats = LoadedFile(bed, reports, "chats_gaps.csv");
        Assert.Equal((7L, 2L, 5L), (chats.Read, chats.Loaded, chats.Rejected));
        Assert.Equal(
            [("m1", "在吗"), ("m7", null)],
            bed.Query<(string, string?)>("select message_id, content from raw.chat_message order by message_id"));
        Assert.Equal(
            [
                new Reject(3, "store_id", "", "store_id is empty; every message needs the store it was sent to"),
                new Reject(4, "buyer_id", "", "buyer_id is empty; every message needs the buyer of the conversation"),
                new Reject(5, "agent_id", "", "agent_id is empty; every message needs the agent account of the conversation"),
                new Reject(6, "sender", "", "sender is empty; expected one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)"),
                new Reject(7, "sent_at", "", "sent_at is empty; expected a time such as 2026-03-08 17:51:57"),
            ],
            bed.Rejects("chats_gaps.csv"));

        var orders = LoadedFile(bed, reports, "orders_gaps.csv");
        Assert.Equal((4L, 1L, 3L), (orders.Read, orders.Loaded, orders.Rejected));
        Assert.Equal(["T1004"], bed.Query<string>("select order_id from raw.order_state"));
        Assert.Equal(
            [
                new Reject(2, "order_id", "", "order_id is empty; every order needs its order number (订单编号)"),
                new Reject(3, "created_at", "", "created_at is empty; expected a time such as 2026-03-08 17:51:57"),
                new Reject(4, "amount", "", "amount is empty; expected yuan with up to 2 decimals, e.g. 1234.50 or ¥1,234.50"),
            ],
            bed.Rejects("orders_gaps.csv"));
    }

    [Fact]
    public void An_unparsable_timestamp_is_rejected_with_the_expected_form_and_the_accepted_forms_load()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_times.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 17:51:57,空格分隔
            m2,朵朵云,小明,朵朵云:小A,buyer,yesterday noon,看不懂的时间
            m3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08T17:51:58,T 分隔
            m4,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 17:51:59.250,带小数
            m5,朵朵云,小明,朵朵云:小A,buyer,2026/3/8 9:05:07,斜杠日期
            m6,朵朵云,小明,朵朵云:小A,buyer,2026-02-30 10:00:00,不存在的日期
            m7,朵朵云,小明,朵朵云:小A,buyer,08/03/2026 10:00:00,日月年
            """);

        var report = LoadedFile(bed, bed.Ingest(), "chats_times.csv");

        Assert.Equal((7L, 4L, 3L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [
                ("m1", new DateTime(2026, 3, 8, 17, 51, 57)),
                ("m3", new DateTime(2026, 3, 8, 17, 51, 58)),
                ("m4", new DateTime(2026, 3, 8, 17, 51, 59, 250)),
                ("m5", new DateTime(2026, 3, 8, 9, 5, 7)),
            ],
            bed.Query<(string, DateTime)>("select message_id, sent_at from raw.chat_message order by message_id"));
        Assert.Equal(
            [
                new Reject(3, "sent_at", "yesterday noon", "sent_at 'yesterday noon' is not a timestamp; expected 2026-03-08 17:51:57"),
                new Reject(7, "sent_at", "2026-02-30 10:00:00", "sent_at '2026-02-30 10:00:00' is not a timestamp; expected 2026-03-08 17:51:57"),
                new Reject(8, "sent_at", "08/03/2026 10:00:00", "sent_at '08/03/2026 10:00:00' is not a timestamp; expected 2026-03-08 17:51:57"),
            ],
            bed.Rejects("chats_times.csv"));
    }

    [Fact]
    public void A_file_of_plain_times_with_a_day_the_month_has_not_or_no_time_rejects_those_rows_as_a_file_of_other_forms_does()
    {
        // Every time plain (or empty): the reader's cast types the column without a look at the first records, and a
        // day the month has not is its reject, which sends the file the staged way, to the same rejects.
        using var bed = new EtlTestBed();
        bed.Write("chats_plain_times.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 17:51:57,有效
            m2,朵朵云,小明,朵朵云:小A,buyer,2026-02-30 10:00:00,不存在的日期
            m3,朵朵云,小明,朵朵云:小A,agent,,没有时间
            """);
        bed.Write("chats_no_times.csv", $"""
            {ChatHeader}
            n1,朵朵云,小明,朵朵云:小A,buyer,,没有时间
            n2,朵朵云,小明,朵朵云:小A,agent,,也没有
            """);

        var reports = bed.Ingest();

        var plain = LoadedFile(bed, reports, "chats_plain_times.csv");
        Assert.Equal((3L, 1L, 2L), (plain.Read, plain.Loaded, plain.Rejected));
        Assert.Equal([("m1", new DateTime(2026, 3, 8, 17, 51, 57))],
            bed.Query<(string, DateTime)>("select message_id, sent_at from raw.chat_message order by message_id"));
        Assert.Equal(
            [
                new Reject(3, "sent_at", "2026-02-30 10:00:00", "sent_at '2026-02-30 10:00:00' is not a timestamp; expected 2026-03-08 17:51:57"),
                new Reject(4, "sent_at", "", "sent_at is empty; expected a time such as 2026-03-08 17:51:57"),
            ],
            bed.Rejects("chats_plain_times.csv"));
        var none = reports.Single(r => r.File == "chats_no_times.csv");
        Assert.Equal((2L, 0L, 2L), (none.Read, none.Loaded, none.Rejected));
        Assert.Equal(
            [
                new Reject(2, "sent_at", "", "sent_at is empty; expected a time such as 2026-03-08 17:51:57"),
                new Reject(3, "sent_at", "", "sent_at is empty; expected a time such as 2026-03-08 17:51:57"),
            ],
            bed.Rejects("chats_no_times.csv"));
    }

    [Fact]
    public void An_unparsable_date_is_rejected_with_the_expected_form_and_the_accepted_forms_load()
    {
        using var bed = new EtlTestBed();
        bed.Write("training_dates.csv", """
            agent_id,course_id,status,event_on,score
            朵朵云:小A,C01,planned,2026-03-08,
            朵朵云:小A,C02,planned,8 March,
            朵朵云:小A,C03,planned,2026/3/9,
            朵朵云:小A,C04,planned,2026-13-01,
            """);
        bed.Write("agents_dates.csv", """
            agent_id,name,store_id,hired_on,left_on,as_of
            朵朵云:小A,小A,朵朵云,2025/6/1,,2026-03-01
            朵朵云:小B,小B,朵朵云,去年六月,,2026-03-01
            朵朵云:小C,小C,朵朵云,2025-06-01,月底,2026-03-01
            """);

        var reports = bed.Ingest();

        var training = LoadedFile(bed, reports, "training_dates.csv");
        Assert.Equal((4L, 2L, 2L), (training.Read, training.Loaded, training.Rejected));
        Assert.Equal(
            [("C01", new DateTime(2026, 3, 8)), ("C03", new DateTime(2026, 3, 9))],
            bed.Query<(string, DateTime)>("select course_id, event_on from raw.training_event order by course_id"));
        Assert.Equal(
            [
                new Reject(3, "event_on", "8 March", "event_on '8 March' is not a date; expected 2026-03-08 or 2026/3/8"),
                new Reject(5, "event_on", "2026-13-01", "event_on '2026-13-01' is not a date; expected 2026-03-08 or 2026/3/8"),
            ],
            bed.Rejects("training_dates.csv"));

        var agents = LoadedFile(bed, reports, "agents_dates.csv");
        Assert.Equal((3L, 1L, 2L), (agents.Read, agents.Loaded, agents.Rejected));
        Assert.Equal([("朵朵云:小A", new DateTime(2025, 6, 1))], bed.Query<(string, DateTime)>("select agent_id, hired_on from raw.roster_snapshot"));
        Assert.Equal(
            [
                new Reject(3, "hired_on", "去年六月", "hired_on '去年六月' is not a date; expected 2025-06-01 or 2025/6/1"),
                new Reject(4, "left_on", "月底", "left_on '月底' is not a date; expected 2026-03-31, or empty"),
            ],
            bed.Rejects("agents_dates.csv"));
    }

    [Fact]
    public void A_timestamp_with_an_offset_is_converted_to_the_stores_local_time_not_rejected()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_offsets.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08T09:51:57Z,UTC
            m2,朵朵云,小明,朵朵云:小A,buyer,2026-03-08T17:51:57+08:00,北京时间
            m3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08T01:51:57-08:00,太平洋时间
            m4,朵朵云,小明,朵朵云:小A,buyer,2026-03-07T20:00:00.500Z,跨过午夜
            m5,朵朵云,小明,朵朵云:小A,buyer,2026-03-08T17:51:57+25:00,不存在的时区
            """);

        var report = LoadedFile(bed, bed.Ingest(), "chats_offsets.csv");

        Assert.Equal((5L, 4L, 1L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [
                ("m1", new DateTime(2026, 3, 8, 17, 51, 57)),
                ("m2", new DateTime(2026, 3, 8, 17, 51, 57)),
                ("m3", new DateTime(2026, 3, 8, 17, 51, 57)),
                ("m4", new DateTime(2026, 3, 8, 4, 0, 0, 500)),
            ],
            bed.Query<(string, DateTime)>("select message_id, sent_at from raw.chat_message order by message_id"));
        // The UTC evening of the 7th is the morning of the 8th in Shanghai: that is the day the message touches.
        Assert.Equal([new DateTime(2026, 3, 8)], bed.Query<DateTime>("select business_day from etl.touched_days"));
        Assert.Equal(
            [new Reject(6, "sent_at", "2026-03-08T17:51:57+25:00", "sent_at '2026-03-08T17:51:57+25:00' is not a timestamp; expected 2026-03-08 17:51:57")],
            bed.Rejects("chats_offsets.csv"));
    }

    [Fact]
    public void Negative_non_numeric_and_three_decimal_money_is_rejected_and_yuan_signs_with_thousands_separators_load()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_money.csv", """
            order_id,store_id,buyer_id,created_at,amount
            T1001,朵朵云,小明,2026-03-08 10:00:00,"¥1,234.50"
            T1002,朵朵云,小明,2026-03-08 10:00:00,-5.00
            T1003,朵朵云,小明,2026-03-08 10:00:00,abc
            T1004,朵朵云,小明,2026-03-08 10:00:00,12.345
            T1005,朵朵云,小明,2026-03-08 10:00:00,100
            T1006,朵朵云,小明,2026-03-08 10:00:00,￥88.8
            T1007,朵朵云,小明,2026-03-08 10:00:00,"1,5"
            T1008,朵朵云,小明,2026-03-08 10:00:00,"12,345,678.00"
            T1009,朵朵云,小明,2026-03-08 10:00:00,0
            """);

        var report = LoadedFile(bed, bed.Ingest(), "orders_money.csv");

        Assert.Equal((9L, 5L, 4L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [("T1001", 1234.50m), ("T1005", 100.00m), ("T1006", 88.80m), ("T1008", 12345678.00m), ("T1009", 0m)],
            bed.Query<(string, decimal)>("select order_id, amount from raw.order_state order by order_id"));
        Assert.Equal(
            [
                new Reject(3, "amount", "-5.00", "amount -5.00 is negative; money is 0 or more"),
                new Reject(4, "amount", "abc", "amount 'abc' is not money; expected yuan with up to 2 decimals, e.g. 1234.50 or ¥1,234.50"),
                new Reject(5, "amount", "12.345", "amount '12.345' is not money; expected yuan with up to 2 decimals, e.g. 1234.50 or ¥1,234.50"),
                new Reject(8, "amount", "1,5", "amount '1,5' is not money; expected yuan with up to 2 decimals, e.g. 1234.50 or ¥1,234.50"),
            ],
            bed.Rejects("orders_money.csv"));
    }

    [Fact]
    public void A_refund_above_the_amount_is_rejected_and_a_full_refund_loads()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_refunds.csv", """
            order_id,store_id,buyer_id,created_at,paid_at,amount,refund_amount,refunded_at
            T1001,朵朵云,小明,2026-03-08 10:00:00,2026-03-08 10:01:00,100.00,100.00,2026-03-09 12:00:00
            T1002,朵朵云,小明,2026-03-08 10:00:00,2026-03-08 10:01:00,100.00,100.01,2026-03-09 12:00:00
            T1003,朵朵云,小明,2026-03-08 10:00:00,2026-03-08 10:01:00,100.00,-1,2026-03-09 12:00:00
            T1004,朵朵云,小明,2026-03-08 10:00:00,2026-03-08 10:01:00,100.00,,
            """);

        var report = LoadedFile(bed, bed.Ingest(), "orders_refunds.csv");

        Assert.Equal((4L, 2L, 2L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [("T1001", 100.00m), ("T1004", 0m)],
            bed.Query<(string, decimal)>("select order_id, refund_amount from raw.order_state order by order_id"));
        Assert.Equal(
            [
                new Reject(3, "refund_amount", "100.01", "refund_amount 100.01 is above the amount paid (100.00); a refund is at most the amount"),
                new Reject(4, "refund_amount", "-1", "refund_amount -1 is negative; money is 0 or more"),
            ],
            bed.Rejects("orders_refunds.csv"));
    }

    [Fact]
    public void An_unknown_sender_is_rejected_and_the_chinese_and_upper_case_spellings_load()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_senders.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,BUYER,2026-03-08 09:00:00,大写
            m2,朵朵云,小明,朵朵云:小A,robot,2026-03-08 09:00:01,机器人
            m3,朵朵云,小明,朵朵云:小A,自动回复,2026-03-08 09:00:02,您好
            m4,朵朵云,小明,朵朵云:小A,系统,2026-03-08 09:00:03,[订单卡片]
            m5,朵朵云,小明,朵朵云:小A,卖家,2026-03-08 09:00:04,卖家不是发送方
            m6,朵朵云,小明,朵朵云:小A,客服,2026-03-08 09:00:05,在的
            """);

        var report = LoadedFile(bed, bed.Ingest(), "chats_senders.csv");

        Assert.Equal((6L, 4L, 2L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [("m1", "buyer"), ("m3", "auto"), ("m4", "system"), ("m6", "agent")],
            bed.Query<(string, string)>("select message_id, sender from raw.chat_message order by message_id"));
        Assert.Equal(
            [
                new Reject(3, "sender", "robot", "sender 'robot' is not one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)"),
                new Reject(6, "sender", "卖家", "sender '卖家' is not one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)"),
            ],
            bed.Rejects("chats_senders.csv"));
    }

    [Fact]
    public void Each_sender_as_the_contract_writes_it_and_in_any_other_spelling_loads_as_its_value()
    {
        // etl.sender takes the contract's own spelling on a path of its own (no lower, no trim): each of the four
        // values must come out as itself there, and as the same value by the other path.
        using var bed = new EtlTestBed();
        bed.Write("chats_spellings.csv", $"""
            {ChatHeader}
            m01,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,a
            m02,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:01,b
            m03,朵朵云,小明,朵朵云:小A,auto,2026-03-08 09:00:02,c
            m04,朵朵云,小明,朵朵云:小A,system,2026-03-08 09:00:03,d
            m05,朵朵云,小明,朵朵云:小A,Buyer,2026-03-08 09:00:04,e
            m06,朵朵云,小明,朵朵云:小A,AGENT,2026-03-08 09:00:05,f
            m07,朵朵云,小明,朵朵云:小A,Auto,2026-03-08 09:00:06,g
            m08,朵朵云,小明,朵朵云:小A,System,2026-03-08 09:00:07,h
            m09,朵朵云,小明,朵朵云:小A,买家,2026-03-08 09:00:08,i
            m10,朵朵云,小明,朵朵云:小A,客服,2026-03-08 09:00:09,j
            m11,朵朵云,小明,朵朵云:小A,自动回复,2026-03-08 09:00:10,k
            m12,朵朵云,小明,朵朵云:小A,系统,2026-03-08 09:00:11,l
            m13,朵朵云,小明,朵朵云:小A,buyers,2026-03-08 09:00:12,m
            """);

        var report = LoadedFile(bed, bed.Ingest(), "chats_spellings.csv");

        Assert.Equal((13L, 12L, 1L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            ["buyer", "agent", "auto", "system", "buyer", "agent", "auto", "system", "buyer", "agent", "auto", "system"],
            bed.Query<string>("select sender from raw.chat_message order by message_id"));
        Assert.Equal(
            [new Reject(14, "sender", "buyers", "sender 'buyers' is not one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)")],
            bed.Rejects("chats_spellings.csv"));
        Assert.Equal(
            ["buyer", "agent", "auto", "system", "agent", null],
            bed.Query<string?>("select etl.sender(v) from unnest(['buyer', 'agent', 'auto', 'system', ' agent ', 'agents']) with ordinality as s(v, i) order by i"));
    }

    [Fact]
    public void Items_below_one_or_not_whole_are_rejected_and_empty_items_default_to_one()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_items.csv", """
            order_id,store_id,buyer_id,created_at,amount,items
            T1001,朵朵云,小明,2026-03-08 10:00:00,10.00,0
            T1002,朵朵云,小明,2026-03-08 10:00:00,10.00,3
            T1003,朵朵云,小明,2026-03-08 10:00:00,10.00,
            T1004,朵朵云,小明,2026-03-08 10:00:00,10.00,-2
            T1005,朵朵云,小明,2026-03-08 10:00:00,10.00,1.5
            """);

        var report = LoadedFile(bed, bed.Ingest(), "orders_items.csv");

        Assert.Equal((5L, 2L, 3L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal([("T1002", 3), ("T1003", 1)], bed.Query<(string, int)>("select order_id, items from raw.order_state order by order_id"));
        Assert.Equal(
            [
                new Reject(2, "items", "0", "items '0' is not a whole number of at least 1"),
                new Reject(5, "items", "-2", "items '-2' is not a whole number of at least 1"),
                new Reject(6, "items", "1.5", "items '1.5' is not a whole number of at least 1"),
            ],
            bed.Rejects("orders_items.csv"));
    }

    [Fact]
    public void White_space_around_values_is_trimmed_tabs_included_so_a_padded_order_id_is_the_same_order()
    {
        using var bed = new EtlTestBed();
        // Shop exports pad long numbers with a tab so that Excel keeps them as text.
        bed.Write("orders_1.csv", "order_id,store_id,buyer_id,created_at,amount,status\n\tT1001\t,朵朵云 , 小明　,2026-03-08 10:00:00\t,\t99.00,等待买家付款\n");
        bed.Write("orders_2.csv", "order_id,store_id,buyer_id,created_at,amount,status\nT1001,朵朵云,小明,2026-03-08 10:00:00,99.00,交易成功\n");

        var reports = bed.Ingest();

        Assert.Equal((1L, 1L, 0L, 0L), Counts(LoadedFile(bed, reports, "orders_1.csv")));
        Assert.Equal((1L, 1L, 0L, 0L), Counts(LoadedFile(bed, reports, "orders_2.csv")));
        Assert.Equal(
            [("T1001", "朵朵云", "小明", 99.00m, "completed")],
            bed.Query<(string, string, string, decimal, string)>("select order_id, store_id, buyer_id, amount, status from raw.order_current"));
    }

    // ---- CSV structure and line numbers --------------------------------------------------------------------------

    [Fact]
    public void A_quoted_newline_stays_in_the_content_and_counts_as_one_line()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_multiline.csv", $""""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,"第一行
            第二行, 带逗号
            第三行"
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,"他说""好的"""
            m3,朵朵云,小明,朵朵云:小A,robot,2026-03-08 09:00:20,这一行在文件第 6 行，却是第 4 条记录
            m4,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:30,好
            """");

        var report = LoadedFile(bed, bed.Ingest(), "chats_multiline.csv");

        Assert.Equal((4L, 3L, 1L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [("m1", "第一行\n第二行, 带逗号\n第三行", 2L), ("m2", "他说\"好的\"", 3L), ("m4", "好", 5L)],
            bed.Query<(string, string, long)>("select message_id, content, line from raw.chat_message order by message_id"));
        Assert.Equal(
            [new Reject(4, "sender", "robot", "sender 'robot' is not one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)")],
            bed.Rejects("chats_multiline.csv"));
    }

    [Fact]
    public void A_row_with_too_many_fields_is_rejected_at_its_line_and_a_later_bad_row_keeps_its_own_line()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_fields.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,好的,亲
            m3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,谢谢
            m4,朵朵云,小明,朵朵云:小A,robot,2026-03-08 09:00:30,坏发送方
            m5,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:40,不客气
            """);

        var report = LoadedFile(bed, bed.Ingest(), "chats_fields.csv");

        Assert.Equal((5L, 3L, 2L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [("m1", 2L), ("m3", 4L), ("m5", 6L)],
            bed.Query<(string, long)>("select message_id, line from raw.chat_message order by message_id"));
        var rejects = bed.Rejects("chats_fields.csv");
        Assert.Equal(2, rejects.Count);
        Assert.Equal(
            new Reject(3, null, "m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,好的,亲",
                "the row has 8 fields but the header has 7; a comma inside a value needs double quotes around the value"),
            rejects[0]);
        Assert.Equal(new Reject(5, "sender", "robot", "sender 'robot' is not one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)"), rejects[1]);
    }

    [Fact]
    public void Malformed_rows_after_a_quoted_newline_are_reported_at_their_record_lines()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_mixed.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,"两行
            的消息"
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,多,一个字段
            m3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,"又是
            两行"
            m4,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:30
            m5,朵朵云,小明,朵朵云:小A,robot,2026-03-08 09:00:40,坏发送方
            m6,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:50,最后
            """);

        var report = LoadedFile(bed, bed.Ingest(), "chats_mixed.csv");

        Assert.Equal((6L, 3L, 3L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [("m1", 2L), ("m3", 4L), ("m6", 7L)],
            bed.Query<(string, long)>("select message_id, line from raw.chat_message order by message_id"));
        var rejects = bed.Rejects("chats_mixed.csv");
        Assert.Equal(
            [
                (3L, (string?)null, "the row has 8 fields but the header has 7; a comma inside a value needs double quotes around the value"),
                (5L, "content", "the row has 6 fields but the header has 7; an empty value still needs its comma"),
            ],
            rejects.Take(2).Select(r => (r.Line, r.Column, r.Reason)));
        Assert.Equal(new Reject(6, "sender", "robot", "sender 'robot' is not one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)"), rejects[2]);
    }

    /// <summary>
    /// A chat file is read through a view of the CSV reader (no staged copy) unless it has a record the reader
    /// rejected or a totals row; then it is read again the staged way. Both together, in one chat file: the totals
    /// row and the broken record are rejects at their own lines, the rows after them keep theirs, nothing twice.
    /// </summary>
    [Fact]
    public void A_chat_file_with_a_broken_record_and_a_totals_row_is_loaded_the_staged_way_at_the_right_lines()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_clean.csv", $"""
            {ChatHeader}
            c1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 08:00:00,在吗
            c2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 08:00:10,在的
            """);
        bed.Write("chats_totals.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,好的,亲
            m3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,谢谢
            合计,,,,,,
            m5,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:40,不客气
            """);
        bed.Scalar<object>("call enable_logging('QueryLog')");

        var reports = bed.Ingest();

        // Both files were read through the view; only the one with the broken record and the totals row was staged.
        var stages = bed.Query<string>("""
            select regexp_extract(message, '^create or replace temp (view|table) stage', 1) from duckdb_logs
            where type = 'QueryLog' and regexp_matches(message, '^create or replace temp (view|table) stage')
            """);
        Assert.Equal(["table", "view", "view"], stages.Order());

        var clean = LoadedFile(bed, reports, "chats_clean.csv");
        Assert.Equal((2L, 2L, 0L, 0L), (clean.Read, clean.Loaded, clean.Duplicates, clean.Rejected));
        var report = LoadedFile(bed, reports, "chats_totals.csv");
        Assert.Equal((5L, 3L, 0L, 2L), (report.Read, report.Loaded, report.Duplicates, report.Rejected));
        Assert.Equal(
            [("c1", 2L), ("c2", 3L), ("m1", 2L), ("m3", 4L), ("m5", 6L)],
            bed.Query<(string, long)>("select message_id, line from raw.chat_message order by message_id"));
        Assert.Equal(
            [(3L, "the row has 8 fields but the header has 7; a comma inside a value needs double quotes around the value"),
             (5L, "a summary row (合计), not a record: CsKpi adds up the rows itself, so totals, subtotals and averages under the data are left out")],
            bed.Rejects("chats_totals.csv").Select(r => (r.Line, r.Reason)));
    }

    /// <summary>
    /// A chat CSV file goes from DuckDB's reader straight into raw.chat_message with each record's line from its
    /// numbered copy (FilePreparer); a file with a totals row still goes the staged way. The same records in both,
    /// with quoted line breaks, an escaped quote, \r\n breaks, a failure and a repeat: every row, reject and duplicate at
    /// the same line either way.
    /// </summary>
    [Fact]
    public void A_chat_file_with_quoted_line_breaks_is_loaded_straight_from_the_reader_at_the_lines_the_staged_way_gives()
    {
        using var bed = new EtlTestBed();
        var records = string.Join("\r\n",
            "{0}1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,\"第一行\r\n第二行\n第三行\"",
            "{0}2,朵朵云,,朵朵云:小A,agent,2026-03-08 09:00:10,\"他说\"\"好\"\"\"",
            "{0}3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,\"a,b\"",
            "{0}1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,\"第一行\r\n第二行\n第三行\"",
            "{0}5,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:40,不客气");
        bed.Write("chats_straight.csv", ChatHeader + "\r\n" + string.Format(CultureInfo.InvariantCulture, records, "a") + "\r\n");
        bed.Write("chats_staged.csv", ChatHeader + "\r\n" + string.Format(CultureInfo.InvariantCulture, records, "b") + "\r\n合计,,,,,,\r\n");
        bed.Scalar<object>("call enable_logging('QueryLog')");

        var reports = bed.Ingest();

        // The totals file was tried straight too, then staged; the other never staged.
        Assert.Equal(["table", "view numbered", "view numbered"], bed.Query<string>("""
            select regexp_extract(message, '^create or replace temp (view|table) stage', 1)
                || case when contains(message, 'cskpi_line') then ' numbered' else '' end
            from duckdb_logs
            where type = 'QueryLog' and regexp_matches(message, '^create or replace temp (view|table) stage')
            """).Order());
        var straight = LoadedFile(bed, reports, "chats_straight.csv");
        var staged = LoadedFile(bed, reports, "chats_staged.csv");
        Assert.Equal((5L, 3L, 1L, 1L), (straight.Read, straight.Loaded, straight.Duplicates, straight.Rejected));
        Assert.Equal((6L, 3L, 1L, 2L), (staged.Read, staged.Loaded, staged.Duplicates, staged.Rejected));
        var rows = bed.Query<(string, long, string)>("""
            select message_id, line, content from raw.chat_message order by file_id, line
            """);
        Assert.Equal(
            [("a1", 2L, "第一行\r\n第二行\n第三行"), ("a3", 4L, "a,b"), ("a5", 6L, "不客气")],
            rows.Where(r => r.Item1.StartsWith('a')));
        Assert.Equal(rows.Where(r => r.Item1.StartsWith('a')).Select(r => (r.Item2, r.Item3)), rows.Where(r => r.Item1.StartsWith('b')).Select(r => (r.Item2, r.Item3)));
        Assert.Equal([3L], bed.Rejects("chats_straight.csv").Select(r => r.Line));
        Assert.Equal([3L, 7L], bed.Rejects("chats_staged.csv").Select(r => r.Line).Order());
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from raw.chat_message where load_seq <> file_id * 1000000000 + line"));
    }

    /// <summary>
    /// Straight from the reader, a column is cleaned (etl.clean_value) only if the numbering pass saw a value in it
    /// that the cleaning might change. The same records loaded that way and the staged way (a totals row sends the
    /// second file there), with office forms in some columns and none in others: every stored value is the same.
    /// </summary>
    [Fact]
    public void A_chat_file_loaded_straight_is_cleaned_where_a_value_needs_it_as_the_staged_way_cleans_it()
    {
        using var bed = new EtlTestBed();
        var records = string.Join("\n",
            "{0}1,朵朵云,\t小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗",
            "{0}2,朵朵云,小红,\u3000朵朵云:小A,agent,2026-03-08 09:00:10,12元",
            "{0}3,朵朵云,小刚,朵朵云:小A,buyer,2026-03-08 09:00:20,-",
            "{0}4,朵朵云,小刚,朵朵云:小A,buyer,2026-03-08 09:00:30,１２",
            "{0}5,朵朵云,小刚,朵朵云:小A,buyer,2026-03-08 09:00:40,总计不对吧",
            "{0}6,朵朵云,小刚,朵朵云:小A ,buyer,2026-03-08 09:00:50,好的\u3000");
        bed.Write("chats_straight.csv", ChatHeader + "\n" + string.Format(CultureInfo.InvariantCulture, records, "a") + "\n");
        bed.Write("chats_staged.csv", ChatHeader + "\n" + string.Format(CultureInfo.InvariantCulture, records, "b") + "\n合计,,,,,,\n");
        bed.Scalar<object>("call enable_logging('QueryLog')");

        var reports = bed.Ingest();

        Assert.Equal((6L, 6L), LoadedFile(bed, reports, "chats_straight.csv") is var straight ? (straight.Read, straight.Loaded) : default);
        Assert.Equal((7L, 6L), LoadedFile(bed, reports, "chats_staged.csv") is var staged ? (staged.Read, staged.Loaded) : default);
        // The straight load's view cleaned buyer_id, agent_id and content, not message_id or store_id.
        var view = bed.Scalar<string>("""
            select message from duckdb_logs
            where type = 'QueryLog' and starts_with(message, 'create or replace temp view stage') and contains(message, 'cskpi_line')
            order by timestamp limit 1
            """);
        Assert.Contains("etl.clean_value(cast(\"buyer_id\" as varchar))", view);
        Assert.Contains("etl.clean_value(cast(\"content\" as varchar))", view);
        Assert.DoesNotContain("etl.clean_value(cast(\"message_id\" as varchar))", view);
        Assert.DoesNotContain("etl.clean_value(cast(\"store_id\" as varchar))", view);
        var rows = bed.Query<(string, string, string, string, string, long)>("""
            select message_id, store_id, buyer_id, agent_id, coalesce(content, '<null>'), line from raw.chat_message order by message_id
            """);
        Assert.Equal(
            [("a1", "朵朵云", "小明", "朵朵云:小A", "在吗", 2L), ("a2", "朵朵云", "小红", "朵朵云:小A", "12", 3L),
             ("a3", "朵朵云", "小刚", "朵朵云:小A", "<null>", 4L), ("a4", "朵朵云", "小刚", "朵朵云:小A", "12", 5L),
             ("a5", "朵朵云", "小刚", "朵朵云:小A", "总计不对吧", 6L), ("a6", "朵朵云", "小刚", "朵朵云:小A", "好的", 7L)],
            rows.Where(r => r.Item1.StartsWith('a')));
        Assert.Equal(rows.Where(r => r.Item1.StartsWith('a')).Select(r => r with { Item1 = r.Item1[1..] }),
            rows.Where(r => r.Item1.StartsWith('b')).Select(r => r with { Item1 = r.Item1[1..] }));
    }

    /// <summary>
    /// The numbering pass skips etl.clean_value for a column only when no value starts or ends with a character the
    /// macro's test looks for; for every character of ASCII, the Latin-1 block, Unicode's spaces, the office forms'
    /// characters and some Chinese text, a value it calls plain at either end is one the macro leaves as it is.
    /// </summary>
    [Fact]
    public void A_value_the_numbering_calls_plain_is_one_etl_clean_value_leaves_as_it_is()
    {
        using var bed = new EtlTestBed();
        var characters = Enumerable.Range(1, 0xFF)
            .Concat([0x1680, 0x2014, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x5143, 0xFEFF, 0xFF0D, 0xFFE5, 0x4E2D, 0x6C47, 0x5408])
            .Concat(Enumerable.Range(0x2000, 11)).Concat(Enumerable.Range(0xFF10, 10))
            .Where(c => c is not ('\n' or '\r'))
            .Select(c => char.ConvertFromUtf32(c))
            .ToList();
        var values = characters.SelectMany(c => new[] { c + "中x", "x中" + c, c }).Distinct().ToList();
        var plain = values.Where(v =>
        {
            var bytes = Encoding.UTF8.GetBytes(v);
            return !RecordNumbering.MayCleanStart(bytes) && !RecordNumbering.MayCleanEnd(bytes);
        }).ToList();

        // One text, split in SQL by a private-use character none of the values holds.
        var changed = bed.Query<string>("select v from unnest(string_split($joined, chr(57344))) as t(v) where etl.clean_value(v) is distinct from v",
            new { joined = string.Join('\uE000', plain) });

        Assert.Empty(changed);
        Assert.Contains("x中中", plain);
        Assert.DoesNotContain(" 中x", plain);
    }

    [Fact]
    public void A_big_chat_files_rows_keep_their_lines_when_DuckDB_reads_it_in_parallel()
    {
        // The stage as a view numbers a CSV file's rows by the order of its typed copy, not by a window over the
        // file: that order is the file's only while every step of the read keeps it (a join in the plan, such as
        // DuckDB makes of an IN list of six values, hands back the reader's blocks out of order). A file of several
        // of the reader's blocks (≈ 8 MB each), read by four threads: every row's line is its record's, a reject near
        // the end is at its line, and a repeat keeps its first line.
        using var bed = new EtlTestBed();
        const int rows = 250_000;
        var file = new StringBuilder(ChatHeader + "\n");
        for (var i = 1; i <= rows; i++)
        {
            var id = i == 240_000 ? "m10" : $"m{i}";
            var buyer = i == 200_000 ? "" : $"买家{i % 997}";
            file.Append(CultureInfo.InvariantCulture, $"{id},朵朵云,{buyer},朵朵云:小A,buyer,2026-03-08 10:{i / 6000 % 60:00}:{i % 60:00},第{i}条消息：这件衬衫还有货吗\n");
        }

        bed.Write("chats_big.csv", file.ToString());
        bed.Scalar<object>("set threads = 4");
        bed.Scalar<object>("call enable_logging('QueryLog')");

        var report = bed.IngestOne("chats_big.csv");

        Assert.Equal((250_000L, 249_998L, 1L, 1L), (report.Read, report.Loaded, report.Duplicates, report.Rejected));
        Assert.Equal(["view numbered typed"], bed.Query<string>("""
            select regexp_extract(message, '^create or replace temp (view|table) stage', 1)
                || case when contains(message, 'cskpi_line') then ' numbered' else '' end
                || case when contains(message, ': ''TIMESTAMP''') then ' typed' else '' end
            from duckdb_logs
            where type = 'QueryLog' and regexp_matches(message, '^create or replace temp (view|table) stage')
            """));
        Assert.Equal([(200_001L, "buyer_id", "chats.buyer_id.empty")],
            bed.Query<(long, string, string)>("select line, column_name, reason_code from etl.rejects where file_name = 'chats_big.csv'"));
        // m<i> is record i, on line i + 1; m10's repeat on line 240,001 is the duplicate, its first line kept.
        Assert.Equal(0L, bed.Scalar<long>("""
            select count(*) from raw.chat_message
            where line <> cast(substr(message_id, 2) as bigint) + 1 or load_seq <> file_id * 1000000000 + line
            """));
        Assert.Equal(11L, bed.Scalar<long>("select line from raw.chat_message where message_id = 'm10'"));
    }

    [Fact]
    public void DuckDBs_reader_types_a_chat_files_times_only_when_it_reads_each_the_way_the_staged_way_does()
    {
        using var bed = new EtlTestBed();
        // Every time in the plain form: the reader types them; the empty one is still a reject at its line.
        bed.Write("chats_plain.csv", $"""
            {ChatHeader}
            p1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 08:00:00,在吗
            p2,朵朵云,小明,朵朵云:小A,agent,,在的
            p3,朵朵云,小明,朵朵云:小A,agent, 2026-03-08 08:00:20 ,好的
            """);
        // Times in another form from the first record on: the view parses the text, as the staged way does.
        bed.Write("chats_slashes.csv", $"""
            {ChatHeader}
            s1,朵朵云,小红,朵朵云:小A,buyer,2026/3/8 9:05,在吗
            s2,朵朵云,小红,朵朵云:小A,agent,2026-03-08T09:05:30+08:00,在的
            """);
        // Plain times past the first records, then forms the reader does not read (Excel's ="…", a slash, an offset):
        // the reader rejects those rows, so the file is loaded the staged way, every row at its time.
        var late = new StringBuilder(ChatHeader + "\n");
        for (var i = 1; i <= 2_100; i++)
        {
            var time = i switch
            {
                2_050 => "\"=\"\"2026-03-08 10:00:01\"\"\"",
                2_060 => "2026/03/08 10:00:02",
                2_070 => "2026-03-08T10:00:03+08:00",
                _ => "2026-03-08 10:00:00",
            };
            late.Append(CultureInfo.InvariantCulture, $"l{i},朵朵云,小刚,朵朵云:小A,buyer,{time},第{i}条\n");
        }

        bed.Write("chats_late.csv", late.ToString());
        bed.Scalar<object>("call enable_logging('QueryLog')");

        var reports = bed.Ingest();

        var stages = bed.Query<string>("""
            select regexp_extract(message, '^create or replace temp (view|table) stage', 1)
                || case when contains(message, 'cskpi_line') then ' numbered' else '' end
                || case when contains(message, ': ''TIMESTAMP''') then ' typed' else '' end
            from duckdb_logs
            where type = 'QueryLog' and regexp_matches(message, '^create or replace temp (view|table) stage')
            """);
        // Each through the view of its numbered copy; chats_late: the times typed, then the table; chats_plain: the
        // times typed; chats_slashes: the times as text.
        Assert.Equal(["table", "view numbered", "view numbered typed", "view numbered typed"], stages.Order());

        Assert.Equal((3L, 2L, 0L, 1L), LoadedFile(bed, reports, "chats_plain.csv") is var plain ? (plain.Read, plain.Loaded, plain.Duplicates, plain.Rejected) : default);
        Assert.Equal([(3L, "sent_at", "", "timestamp.empty")],
            bed.Query<(long, string, string, string)>("select line, column_name, value, reason_code from etl.rejects where file_name = 'chats_plain.csv'"));
        Assert.Equal((2L, 2L), LoadedFile(bed, reports, "chats_slashes.csv") is var slashes ? (slashes.Read, slashes.Loaded) : default);
        Assert.Equal((2_100L, 2_100L, 0L), LoadedFile(bed, reports, "chats_late.csv") is var all ? (all.Read, all.Loaded, all.Rejected) : default);
        Assert.Equal(
            [("l2050", new DateTime(2026, 3, 8, 10, 0, 1)), ("l2060", new DateTime(2026, 3, 8, 10, 0, 2)), ("l2070", new DateTime(2026, 3, 8, 10, 0, 3)),
             ("p1", new DateTime(2026, 3, 8, 8, 0, 0)), ("p3", new DateTime(2026, 3, 8, 8, 0, 20)),
             ("s1", new DateTime(2026, 3, 8, 9, 5, 0)), ("s2", new DateTime(2026, 3, 8, 9, 5, 30))],
            bed.Query<(string, DateTime)>("""
                select message_id, sent_at from raw.chat_message
                where message_id in ('l2050', 'l2060', 'l2070') or message_id like 'p%' or message_id like 's%'
                order by message_id
                """));
        Assert.Equal(2_100 + 1, bed.Scalar<long>("select max(line) from raw.chat_message where file_id = (select file_id from etl.file_ledger where file_name = 'chats_late.csv')"));
    }

    [Fact]
    public void A_quote_never_closed_rejects_the_file_whole_instead_of_loading_the_rows_before_it()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_open_quote.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,"引号没有闭合
            m3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,这一行被吞进上一个值
            """);
        // Past the sniffer's sample the reader meets the open quote itself, and every row after it is swallowed.
        var far = new StringBuilder(ChatHeader + "\n");
        for (var i = 1; i <= 30_000; i++)
        {
            far.Append(i == 25_000 ? $"f{i},朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:00,\"没有闭合\n" : $"f{i},朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,第{i}条\n");
        }

        bed.Write("chats_open_quote_far.csv", far.ToString());

        var reports = bed.Ingest();

        Assert.Equal(
            "its first rows cannot be split into CSV fields, most often because a double quote opens a value that is never closed; "
            + "close the quote (a quote inside a quoted value is written twice: \"\") and drop the file again",
            RejectedFile(bed, reports, "chats_open_quote.csv").Reason);
        Assert.Equal(
            "line 25001 opens a double quote that is never closed, so the rest of the file cannot be split into rows; "
            + "close the quote (a quote inside a quoted value is written twice: \"\") and drop the file again",
            RejectedFile(bed, reports, "chats_open_quote_far.csv").Reason);
        Assert.Equal(0, bed.Scalar<long>("select count(*) from raw.chat_message"));
        Assert.Equal(0, bed.Scalar<long>("select count(*) from etl.rejects"));
    }

    [Fact]
    public void A_bad_json_lines_record_is_reported_at_its_record_number()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_lines.jsonl", """
            {"message_id":"m1","store_id":"朵朵云","buyer_id":"小明","agent_id":"朵朵云:小A","sender":"buyer","sent_at":"2026-03-08 09:00:00","content":"在吗"}
            {"message_id":"m2","store_id":"朵朵云","buyer_id":"小明","agent_id":"朵朵云:小A","sender":"buyer","sent_at":"yesterday noon","content":"?"}
            {"message_id":"m3","store_id":"朵朵云","buyer_id":"小明","agent_id":"朵朵云:小A","sender":"agent","sent_at":"2026-03-08T01:00:10Z","content":"在的"}
            """);

        var report = LoadedFile(bed, bed.Ingest(), "chats_lines.jsonl");

        Assert.Equal((3L, 2L, 1L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [("m1", new DateTime(2026, 3, 8, 9, 0, 0), 1L), ("m3", new DateTime(2026, 3, 8, 9, 0, 10), 3L)],
            bed.Query<(string, DateTime, long)>("select message_id, sent_at, line from raw.chat_message order by message_id"));
        Assert.Equal([new Reject(2, "sent_at", "yesterday noon", "sent_at 'yesterday noon' is not a timestamp; expected 2026-03-08 17:51:57")], bed.Rejects("chats_lines.jsonl"));
    }

    // ---- exactly once --------------------------------------------------------------------------------------------

    [Fact]
    public void The_same_file_twice_is_already_loaded_the_second_time_and_nothing_is_read()
    {
        using var bed = new EtlTestBed();
        var content = $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,在的
            """;
        bed.Write("chats_0308.csv", content);
        var first = LoadedFile(bed, bed.Ingest(), "chats_0308.csv");
        Assert.Equal((2L, 2L), (first.Read, first.Loaded));

        bed.Write("chats_0308_copy.csv", content);
        var second = bed.Ingest();

        Assert.Equal(2, second.Count);
        Assert.All(second, r =>
        {
            Assert.Equal(FileOutcome.AlreadyLoaded, r.Outcome);
            Assert.Equal((0L, 0L, 0L, 0L), (r.Read, r.Loaded, r.Duplicates, r.Rejected));
            Assert.Matches(@"^the same content was loaded on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d from chats_0308\.csv; nothing was read$", r.Reason);
        });
        Assert.Equal(1, bed.Scalar<long>("select count(*) from etl.file_ledger"));
        Assert.Equal(2, bed.Scalar<long>("select count(*) from raw.chat_message"));

        // The same name with new content is a new file: its new row loads, the rows seen before are duplicates.
        bed.Write("chats_0308.csv", content + "\nm3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,好的");
        var third = bed.IngestOne("chats_0308.csv");
        Assert.Equal(FileOutcome.Loaded, third.Outcome);
        AssertAccounted(bed, third);
        Assert.Equal((3L, 1L, 2L, 0L), (third.Read, third.Loaded, third.Duplicates, third.Rejected));
    }

    [Fact]
    public void A_whole_rejected_file_dropped_again_is_already_rejected_and_nothing_is_read()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_empty.csv", "");
        RejectedFile(bed, bed.Ingest(), "chats_empty.csv");

        var again = bed.IngestOne("chats_empty.csv");

        Assert.Equal(FileOutcome.AlreadyLoaded, again.Outcome);
        Assert.Matches(@"^the same content was rejected on .* from chats_empty\.csv; nothing was read$", again.Reason);
        Assert.Equal(1, bed.Scalar<long>("select count(*) from etl.file_ledger"));
    }

    [Fact]
    public void A_message_three_times_in_one_file_keeps_its_first_line_and_the_other_two_are_duplicates()
    {
        // The dedupe finds a repeated key's hash as equal to the one before it in hash order: a key seen three times is
        // two such pairs, and both later lines go.
        using var bed = new EtlTestBed();
        bed.Write("chats_three.csv", $"""
            {ChatHeader}
            m7,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,在的
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            m7,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,在的
            m2,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,好的
            m7,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,在的
            m2,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,好的
            """);

        var report = bed.IngestOne("chats_three.csv");

        Assert.Equal((6L, 3L, 3L, 0L), Counts(report));
        Assert.Equal([("m7", 2L), ("m1", 3L), ("m2", 5L)], bed.Query<(string, long)>("select message_id, line from raw.chat_message order by line"));
    }

    [Fact]
    public void The_same_message_in_two_files_counts_once_and_the_second_file_reports_it_as_a_duplicate()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_a.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,在的
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,在的
            """);
        bed.Write("chats_b.csv", $"""
            {ChatHeader}
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,在的
            m3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,好的
            m4,朵朵云,小明,朵朵云:小A,robot,2026-03-08 09:00:30,坏
            """);
        // Without message_id the contract's hash of (store, buyer, agent, sent_at, sender, content) is the key.
        bed.Write("chats_c.csv", """
            store_id,buyer_id,agent_id,sender,sent_at,content
            朵朵云,阿花,朵朵云:小A,buyer,2026-03-08 10:00:00,有优惠吗
            朵朵云,阿花,朵朵云:小A,agent,2026-03-08 10:00:05,有的
            """);
        bed.Write("chats_d.csv", """
            store_id,buyer_id,agent_id,sender,sent_at,content
            朵朵云,阿花,朵朵云:小A,agent,2026-03-08T02:00:05Z,有的
            朵朵云,阿花,朵朵云:小A,agent,2026-03-08 10:00:05,有的！
            """);

        var reports = bed.Ingest();

        Assert.Equal((3L, 2L, 1L, 0L), Counts(LoadedFile(bed, reports, "chats_a.csv")));
        Assert.Equal((3L, 1L, 1L, 1L), Counts(LoadedFile(bed, reports, "chats_b.csv")));
        Assert.Equal((2L, 2L, 0L, 0L), Counts(LoadedFile(bed, reports, "chats_c.csv")));
        // The same instant written with an offset is the same message; a different content is a different one.
        Assert.Equal((2L, 1L, 1L, 0L), Counts(LoadedFile(bed, reports, "chats_d.csv")));
        Assert.Equal(["m1", "m2", "m3"], bed.Query<string>("select message_id from raw.chat_message where message_id is not null order by 1"));
        Assert.Equal(3, bed.Scalar<long>("select count(*) from raw.chat_message where message_id is null"));
        Assert.Equal(6, bed.Scalar<long>("select count(distinct message_key) from raw.chat_message"));
    }

    [Fact]
    public void An_order_paid_late_and_then_refunded_in_later_files_ends_in_its_final_state_with_every_state_kept()
    {
        using var bed = new EtlTestBed();
        const string header = "订单编号,店铺,买家会员名,订单创建时间,订单付款时间,买家实际支付金额,订单状态,退款金额,退款时间";
        bed.Write("orders_0301.csv", $"""
            {header}
            T1001,朵朵云,小明,2026-03-01 10:00:00,,99.00,等待买家付款,,
            """);
        var created = LoadedFile(bed, bed.Ingest(), "orders_0301.csv");

        bed.Write("orders_0303.csv", $"""
            {header}
            T1001,朵朵云,小明,2026-03-01 10:00:00,2026-03-03 08:00:00,99.00,买家已付款,,
            """);
        var paid = LoadedFile(bed, bed.Ingest(), "orders_0303.csv");

        bed.Write("orders_0305.csv", $"""
            {header}
            T1001,朵朵云,小明,2026-03-01 10:00:00,2026-03-03 08:00:00,99.00,退款成功,99.00,2026-03-05 12:00:00
            """);
        var refunded = LoadedFile(bed, bed.Ingest(), "orders_0305.csv");

        Assert.All([created, paid, refunded], r => Assert.Equal((1L, 1L, 0L, 0L), Counts(r)));
        Assert.Equal(
            [("refunded", new DateTime(2026, 3, 3, 8, 0, 0), 99.00m, new DateTime(2026, 3, 5, 12, 0, 0))],
            bed.Query<(string, DateTime, decimal, DateTime)>("select status, paid_at, refund_amount, refunded_at from raw.order_current"));
        Assert.Equal(
            [("created", (DateTime?)null, 0m), ("paid", new DateTime(2026, 3, 3, 8, 0, 0), 0m), ("refunded", new DateTime(2026, 3, 3, 8, 0, 0), 99.00m)],
            bed.Query<(string, DateTime?, decimal)>("select status, paid_at, refund_amount from raw.order_state order by load_seq"));
        Assert.Equal([new DateTime(2026, 3, 1)], TouchedDays(bed, "orders_0301.csv"));
        // The late payment moves money onto the 3rd; the order's creation day is recomputed as well.
        Assert.Equal([new DateTime(2026, 3, 1), new DateTime(2026, 3, 3)], TouchedDays(bed, "orders_0303.csv"));
        Assert.Equal([new DateTime(2026, 3, 1), new DateTime(2026, 3, 3), new DateTime(2026, 3, 5)], TouchedDays(bed, "orders_0305.csv"));
    }

    [Fact]
    public void An_older_order_state_in_a_later_file_does_not_win_when_updated_at_says_it_is_older()
    {
        using var bed = new EtlTestBed();
        const string header = "order_id,store_id,buyer_id,created_at,paid_at,amount,status,updated_at";
        bed.Write("orders_1.csv", $"""
            {header}
            T1001,朵朵云,小明,2026-03-01 10:00:00,2026-03-01 10:05:00,50.00,completed,2026-03-04 09:00:00
            """);
        bed.Write("orders_2.csv", $"""
            {header}
            T1001,朵朵云,小明,2026-03-01 10:00:00,2026-03-01 10:05:00,50.00,paid,2026-03-01 10:05:00
            """);

        var reports = bed.Ingest();

        Assert.Equal(1, LoadedFile(bed, reports, "orders_1.csv").Loaded);
        Assert.Equal(1, LoadedFile(bed, reports, "orders_2.csv").Loaded);
        Assert.Equal(["completed"], bed.Query<string>("select status from raw.order_current"));
        Assert.Equal(2, bed.Scalar<long>("select count(*) from raw.order_state"));
    }

    // ---- ratings, roster, training, courses ----------------------------------------------------------------------

    [Fact]
    public void Rating_words_become_scores_and_the_newest_rating_per_buyer_agent_and_day_is_current()
    {
        using var bed = new EtlTestBed();
        bed.Write("ratings_1.csv", """
            店铺,买家,客服账号,评价时间,评价,评价内容
            朵朵云,小明,朵朵云:小A,2026-03-08 15:30:00,很满意,后来解决了
            朵朵云,小明,朵朵云:小A,2026-03-08 10:00:00,不满意,回复太慢
            朵朵云,小明,朵朵云:小A,2026-03-09 09:00:00,一般,
            朵朵云,小明,朵朵云:小B,2026-03-08 11:00:00,3,
            朵朵云,阿花,朵朵云:小A,2026-03-08 11:00:00,超级满意,
            朵朵云,阿花,朵朵云:小A,2026-03-08 11:00:00,6,
            朵朵云,阿花,朵朵云:小A,2026-03-08 12:00:00,很不满意,没人理
            """);
        bed.Write("ratings_2.csv", """
            店铺,买家,客服账号,评价时间,评价,评价内容
            朵朵云,阿花,朵朵云:小A,2026-03-08 20:00:00,满意,追评：其实还行
            """);

        var reports = bed.Ingest();

        Assert.Equal((7L, 5L, 0L, 2L), Counts(LoadedFile(bed, reports, "ratings_1.csv")));
        Assert.Equal((1L, 1L, 0L, 0L), Counts(LoadedFile(bed, reports, "ratings_2.csv")));
        Assert.Equal(
            [
                ("小明", "朵朵云:小A", new DateTime(2026, 3, 8), 5, "后来解决了"),
                ("小明", "朵朵云:小A", new DateTime(2026, 3, 9), 3, null),
                ("小明", "朵朵云:小B", new DateTime(2026, 3, 8), 3, null),
                ("阿花", "朵朵云:小A", new DateTime(2026, 3, 8), 4, "追评：其实还行"),
            ],
            bed.Query<(string, string, DateTime, int, string?)>("select buyer_id, agent_id, business_day, score, comment from raw.rating_current order by buyer_id = '小明' desc, agent_id, business_day"));
        Assert.Equal(6, bed.Scalar<long>("select count(*) from raw.rating"));
        Assert.Equal(
            [
                new Reject(6, "score", "超级满意", "score '超级满意' is not 1–5 or 很满意, 满意, 一般, 不满意, 很不满意"),
                new Reject(7, "score", "6", "score '6' is not 1–5 or 很满意, 满意, 一般, 不满意, 很不满意"),
            ],
            bed.Rejects("ratings_1.csv"));
    }

    [Fact]
    public void A_later_roster_snapshot_opens_new_versions_carries_level_forward_keeps_missing_agents_and_checks_coefficients()
    {
        using var bed = new EtlTestBed();
        bed.Write("agents_2026-03-01.csv", """
            agent_id,name,store_id,team,role,hired_on,level,coefficient,as_of
            朵朵云:小A,小A,朵朵云,一组,售前,2025-06-01,L2,1.0,2026-03-01
            朵朵云:小B,小B,朵朵云,一组,售后,2026-02-01,新员工,0.9,2026-03-01
            """);
        bed.Write("agents_2026-03-15.csv", """
            客服账号,姓名,店铺,小组,岗位,入职日期,级别,系数,日期
            朵朵云:小A,小A,朵朵云,二组,售前,2025-06-01,,,2026-03-15
            朵朵云:小C,小C,朵朵云,二组,售前,2026-03-10,L3,1.5,2026-03-15
            朵朵云:小D,小D,朵朵云,,,2026-03-10,L1,,2026-03-15
            朵朵云:小E,小E,朵朵云,二组,客服,2026-03-10,,,2026-03-15
            """);

        var reports = bed.Ingest();

        Assert.Equal((2L, 2L, 0L, 0L), Counts(LoadedFile(bed, reports, "agents_2026-03-01.csv")));
        Assert.Equal((4L, 2L, 0L, 2L), Counts(LoadedFile(bed, reports, "agents_2026-03-15.csv")));
        Assert.Equal(
            [
                ("朵朵云:小A", "一组", "presale", "L2", 1.00m, new DateTime(2025, 6, 1), new DateTime(2026, 3, 15)),
                ("朵朵云:小A", "二组", "presale", "L2", 1.00m, new DateTime(2026, 3, 15), null),
                ("朵朵云:小B", "一组", "aftersale", "L1", 0.90m, new DateTime(2026, 2, 1), null),
                ("朵朵云:小D", "默认组", "presale", "L1", (decimal?)null, new DateTime(2026, 3, 10), (DateTime?)null),
            ],
            bed.Query<(string, string, string, string, decimal?, DateTime, DateTime?)>(
                "select agent_id, team, role, level, coefficient, valid_from, valid_to from raw.agent_version order by agent_id, valid_from"));
        Assert.Equal(
            [
                new Reject(3, "coefficient", "1.5", "coefficient 1.5 is outside L3's range 1.00–1.30"),
                new Reject(5, "role", "客服", "role '客服' is not presale, aftersale or both (售前, 售后, 售前售后)"),
            ],
            bed.Rejects("agents_2026-03-15.csv"));
    }

    [Fact]
    public void A_chat_for_an_agent_no_roster_names_still_loads()
    {
        using var bed = new EtlTestBed();
        bed.Write("agents.csv", """
            agent_id,name,store_id,hired_on,as_of
            朵朵云:小A,小A,朵朵云,2025-06-01,2026-03-01
            """);
        bed.Write("chats_temp.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:临时工,buyer,2026-03-08 09:00:00,在吗
            m2,朵朵云,小明,朵朵云:临时工,agent,2026-03-08 09:00:10,在的
            """);

        var reports = bed.Ingest();

        Assert.Equal((2L, 2L, 0L, 0L), Counts(LoadedFile(bed, reports, "chats_temp.csv")));
        Assert.Equal(["朵朵云:临时工", "朵朵云:临时工"], bed.Query<string>("select agent_id from raw.chat_message"));
        Assert.Equal(["朵朵云:小A"], bed.Query<string>("select agent_id from raw.agent_version"));
    }

    [Fact]
    public void A_completed_training_event_without_a_score_is_rejected()
    {
        using var bed = new EtlTestBed();
        bed.Write("training.csv", """
            客服账号,课程编号,状态,日期,考核成绩,考核人
            朵朵云:小A,C01,已完成,2026-03-02,85,王主管
            朵朵云:小A,C02,completed,2026-03-02,,王主管
            朵朵云:小A,C03,计划,2026-03-20,,
            朵朵云:小A,C01,completed,2026-03-03,101,王主管
            朵朵云:小B,C01,进行中,2026-03-04,,
            朵朵云:小B,C02,考完了,2026-03-04,90,
            """);

        var report = LoadedFile(bed, bed.Ingest(), "training.csv");

        Assert.Equal((6L, 3L, 0L, 3L), Counts(report));
        Assert.Equal(
            [("朵朵云:小A", "C01", "completed", (int?)85, "王主管"), ("朵朵云:小A", "C03", "planned", null, null), ("朵朵云:小B", "C01", "in_progress", null, null)],
            bed.Query<(string, string, string, int?, string?)>("select agent_id, course_id, status, score, assessor from raw.training_event order by agent_id, course_id"));
        Assert.Equal(
            [
                new Reject(3, "score", "", "a completed event needs its score (考核成绩) from 0 to 100"),
                new Reject(5, "score", "101", "score '101' is not a score from 0 to 100"),
                new Reject(7, "status", "考完了", "status '考完了' is not planned, in_progress or completed (计划, 进行中, 已完成)"),
            ],
            bed.Rejects("training.csv"));
    }

    [Fact]
    public void The_newest_catalogue_row_of_a_course_wins()
    {
        using var bed = new EtlTestBed();
        bed.Write("courses_1.csv", """
            course_id,title,category,pass_score,valid_months,required_for_level,hours
            C01,产品知识入门,产品,,12,L2,1.5
            C02,千牛工具,tools,70,,,2
            C03,烹饪,烹饪,60,,,1
            """);
        bed.Write("courses_2.csv", """
            课程编号,课程名称,类别,及格分,有效期（月）,晋升要求级别,学时
            C01,产品知识（2026版）,product,80,6,老员工,2
            C02,千牛工具,工具流程,70,,,2
            """);

        var reports = bed.Ingest();

        Assert.Equal((3L, 2L, 0L, 1L), Counts(LoadedFile(bed, reports, "courses_1.csv")));
        Assert.Equal((2L, 1L, 1L, 0L), Counts(LoadedFile(bed, reports, "courses_2.csv")));
        Assert.Equal(
            [
                ("C01", "产品知识（2026版）", "product", 80, (int?)6, "L3", 2.00m),
                ("C02", "千牛工具", "tools", 70, null, null, 2.00m),
            ],
            bed.Query<(string, string, string, int, int?, string?, decimal)>(
                "select course_id, title, category, pass_score, valid_months, required_for_level, hours from raw.course order by course_id"));
        Assert.Equal(3, bed.Scalar<long>("select count(*) from raw.course_version"));
        Assert.Equal(
            [new Reject(4, "category", "烹饪", "category '烹饪' is not one of product, tools, scripts, logistics, promotions, policy, platform_rules, mindset (产品, 工具流程, 话术, 仓储物流, 活动优惠, 公司制度, 平台规则, 职业心态)")],
            bed.Rejects("courses_1.csv"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static readonly Dictionary<string, string> RawTable = new()
    {
        ["agents"] = "raw.roster_snapshot",
        ["chats"] = "raw.chat_message",
        ["orders"] = "raw.order_state",
        ["courses"] = "raw.course_version",
        ["training"] = "raw.training_event",
        ["ratings"] = "raw.rating",
    };

    private sealed record LedgerRow(long FileId, string Outcome, long ReadRows, long LoadedRows, long DuplicateRows, long RejectedRows, string? Reason);

    private static (long Read, long Loaded, long Duplicates, long Rejected) Counts(FileLoadReport r) => (r.Read, r.Loaded, r.Duplicates, r.Rejected);

    private static FileLoadReport LoadedFile(EtlTestBed bed, IReadOnlyList<FileLoadReport> reports, string name)
    {
        var report = Assert.Single(reports, r => r.File == name);
        Assert.True(report.Outcome == FileOutcome.Loaded, $"{name}: {report.Outcome} {report.Reason}");
        AssertAccounted(bed, report);
        return report;
    }

    private static FileLoadReport RejectedFile(EtlTestBed bed, IReadOnlyList<FileLoadReport> reports, string name)
    {
        var report = Assert.Single(reports, r => r.File == name);
        Assert.True(report.Outcome == FileOutcome.Rejected, $"{name}: {report.Outcome} {report.Reason}");
        AssertAccounted(bed, report);
        return report;
    }

    /// <summary>
    /// read = loaded + duplicates + rejected, and the report agrees with what the warehouse holds: the ledger row,
    /// the file's rejects and the raw rows that came from it.
    /// </summary>
    private static void AssertAccounted(EtlTestBed bed, FileLoadReport report)
    {
        Assert.Equal(report.Read, report.Loaded + report.Duplicates + report.Rejected);
        var ledger = bed.Query<LedgerRow>("""
            select file_id as FileId, outcome as Outcome, read_rows as ReadRows, loaded_rows as LoadedRows,
                   duplicate_rows as DuplicateRows, rejected_rows as RejectedRows, reason as Reason
            from etl.file_ledger where file_name = $file order by file_id desc limit 1
            """, new { file = report.File }).Single();
        Assert.Equal(
            (report.Outcome, report.Read, report.Loaded, report.Duplicates, report.Rejected, report.Reason),
            (ledger.Outcome, ledger.ReadRows, ledger.LoadedRows, ledger.DuplicateRows, ledger.RejectedRows, ledger.Reason));
        Assert.Equal(report.Rejected, bed.Scalar<long>("select count(*) from etl.rejects where file_id = $id", new { id = ledger.FileId }));
        Assert.Equal(report.Loaded, bed.Scalar<long>($"select count(*) from {RawTable[report.Kind]} where file_id = $id", new { id = ledger.FileId }));
        if (report.Outcome == FileOutcome.Rejected)
        {
            Assert.Equal(0, report.Read);
            Assert.False(string.IsNullOrWhiteSpace(report.Reason));
        }
    }

    private static List<DateTime> TouchedDays(EtlTestBed bed, string file) =>
        bed.Query<DateTime>("""
            select t.business_day from etl.touched_days as t join etl.file_ledger as l using (file_id)
            where l.file_name = $file order by 1
            """, new { file });

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
