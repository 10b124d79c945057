using System.Text;
using CsKpi.Etl.Tests.Support;
using CsKpi.Warehouse;

namespace CsKpi.Etl.Tests;

/// <summary>
/// Issue 16: a transcript copied from 千牛's chat window (Fixtures/transcripts/qianniu-transcript.txt, CRLF, hand-made)
/// loads as the chat messages a contract chats file of the same messages (qianniu-transcript.csv) holds.
/// </summary>
public sealed class TranscriptTests
{
    private const string Store = "朵朵云旗舰店";
    private const string Buyer = "小鱼儿2026";
    private const string AgentA = Store + ":小A";
    private const string AgentB = Store + ":小B";

    private static readonly Encoding Gb18030;

    static TranscriptTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding(54936);
    }

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "transcripts", name), EtlTestBed.Utf8);

    private static string Transcript => Fixture("qianniu-transcript.txt");

    private sealed record Message(long Line, string StoreId, string BuyerId, string AgentId, string Sender, DateTime SentAt, string? Content);

    private static List<Message> Messages(EtlTestBed bed) => bed.Query<Message>("""
        select line as Line, store_id as StoreId, buyer_id as BuyerId, agent_id as AgentId, sender as Sender,
               sent_at as SentAt, content as Content
        from raw.chat_message order by sent_at
        """);

    private static readonly Message[] Expected =
    [
        new(2, Store, Buyer, AgentA, "buyer", new DateTime(2026, 3, 9, 9, 58, 2), "在吗？这款有货吗"),
        new(4, Store, Buyer, AgentA, "agent", new DateTime(2026, 3, 9, 9, 58, 30), "亲，在的~\n有货的哦"),
        new(8, Store, Buyer, AgentA, "buyer", new DateTime(2026, 3, 9, 10, 1, 15), "好的\n那我拍了，\"加急\"\n你能包邮吗"),
        new(13, Store, Buyer, AgentA, "agent", new DateTime(2026, 3, 9, 10, 2, 0), "可以包邮的亲"),
        // After 小A --> 小B the buyer is 小B's, as a contract file writes a transferred conversation.
        new(17, Store, Buyer, AgentB, "buyer", new DateTime(2026, 3, 9, 10, 6, 40), "退货地址是哪里"),
        new(20, Store, Buyer, AgentB, "agent", new DateTime(2026, 3, 9, 10, 7, 10), "稍等哦"),
    ];

    [Fact]
    public void The_fixture_is_written_as_千牛_copies_it_with_CRLF()
    {
        Assert.Contains("\r\n", Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n", Transcript.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>
    /// Headers with and without the space, a message over several lines, status, recall, transfer and system lines
    /// left out, the store from the seller nick's prefix (no folder, no --store), the agent as the contract writes it.
    /// </summary>
    [Fact]
    public void A_transcript_loads_its_messages_and_nothing_else()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats/小鱼儿.txt", Transcript);

        var report = bed.IngestOne("chats/小鱼儿.txt");

        Assert.True(report.Outcome == FileOutcome.Loaded, $"{report.Outcome}: {report.Reason}");
        Assert.Equal(("chats", 6L, 6L, 0L, 0L), (report.Kind, report.Read, report.Loaded, report.Duplicates, report.Rejected));
        Assert.Equal(Expected, Messages(bed));
        Assert.Equal("txt", bed.Scalar<string>("select format from etl.file_ledger"));
        Assert.Equal(Store, bed.Scalar<string>("select store_id from app.store"));
    }

    [Theory]
    [InlineData("gb18030")]
    [InlineData("utf-8 with BOM")]
    [InlineData("utf-16")]
    [InlineData("LF")]
    public void A_transcript_in_another_encoding_or_with_LF_loads_the_same_messages(string form)
    {
        using var bed = new EtlTestBed();
        var (text, encoding) = form switch
        {
            "gb18030" => (Transcript, Gb18030),
            "utf-8 with BOM" => (Transcript, (Encoding)new UTF8Encoding(true)),
            "utf-16" => (Transcript, Encoding.Unicode),
            _ => (Transcript.Replace("\r\n", "\n", StringComparison.Ordinal), EtlTestBed.Utf8),
        };
        bed.Write("chats_0309.txt", text, encoding);

        var report = bed.IngestOne("chats_0309.txt");

        Assert.True(report.Outcome == FileOutcome.Loaded, $"{report.Outcome}: {report.Reason}");
        Assert.Equal(Expected, Messages(bed));
    }

    /// <summary>The same conversation copied twice (once more with LF, so the file's bytes differ) counts once.</summary>
    [Fact]
    public void The_same_conversation_copied_twice_loads_once()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats/第一次.txt", Transcript);
        bed.Write("chats/第二次.txt", Transcript.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");

        var reports = bed.Ingest();

        var second = Assert.Single(reports, r => r.File == "chats/第二次.txt");
        var first = Assert.Single(reports, r => r.File == "chats/第一次.txt");
        // Files load by name; 第一次 sorts after 第二次 in ordinal order, so whichever came second is all duplicates.
        Assert.Equal(6L, first.Loaded + second.Loaded);
        Assert.Equal(6L, first.Duplicates + second.Duplicates);
        Assert.Equal(6L, bed.Scalar<long>("select count(*) from raw.chat_message"));
    }

    [Fact]
    public void A_transcript_and_a_contract_file_of_the_same_messages_are_the_same_messages()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_contract.csv", Fixture("qianniu-transcript.csv"));
        bed.Write("chats_transcript.txt", Transcript);

        var reports = bed.Ingest();

        Assert.Equal((6L, 0L), (reports.Single(r => r.File == "chats_contract.csv").Loaded, reports.Single(r => r.File == "chats_contract.csv").Rejected));
        var transcript = reports.Single(r => r.File == "chats_transcript.txt");
        Assert.Equal((6L, 0L, 6L, 0L), (transcript.Read, transcript.Loaded, transcript.Duplicates, transcript.Rejected));
    }

    /// <summary>Issue 16's done-when: a copied transcript gives the receptions a contract-format file of the same messages gives.</summary>
    [Fact]
    public void A_transcript_gives_the_receptions_of_the_contract_file_of_its_messages()
    {
        var fromContract = Receptions("chats_contract.csv", Fixture("qianniu-transcript.csv"));
        var fromTranscript = Receptions("chats_transcript.txt", Transcript);

        // 小A's consultation (two questions) and 小B's after the transfer (one).
        Assert.Equal(2, fromContract.Count);
        Assert.Equal(fromContract, fromTranscript);
    }

    private static List<string> Receptions(string name, string content)
    {
        using var bed = new EtlTestBed();
        bed.Write(name, content);
        Assert.Equal(FileOutcome.Loaded, bed.IngestOne(name).Outcome);
        MartRecompute.Full(bed.Warehouse);
        return bed.Query<string>("select concat_ws('|', columns(*)) from core.fct_reception order by agent_id, first_buyer_at");
    }

    /// <summary>
    /// A transcript named 聊天记录 in a store's folder loads.
    /// </summary>
    [Fact]
    public void A_transcript_named_聊天记录_in_a_store_folder_loads()
    {
        using var bed = new EtlTestBed();
        bed.Write("朵朵云旗舰店/聊天记录0309.txt", Transcript);

        var report = bed.IngestOne("朵朵云旗舰店/聊天记录0309.txt");

        Assert.True(report.Outcome == FileOutcome.Loaded, $"{report.Outcome}: {report.Reason}");
        Assert.Equal(Expected, Messages(bed));
    }

    /// <summary>
    /// The seller nick's prefix is the shop's main account (朵朵云), often not the store's name (朵朵云旗舰店): a
    /// transcript filed under a store's folder is that store's, its agents still named by their whole nick as the
    /// roster writes them. Without a folder or --store the prefix names the store (the test above).
    /// </summary>
    [Fact]
    public void A_transcript_filed_under_a_store_folder_is_that_store_s_whatever_the_nick_prefix()
    {
        using var bed = new EtlTestBed();
        bed.Write("朵朵云旗舰店/聊天记录0309.txt", Transcript.Replace(Store + ":", "朵朵云:", StringComparison.Ordinal));

        var report = bed.IngestOne("朵朵云旗舰店/聊天记录0309.txt");

        Assert.True(report.Outcome == FileOutcome.Loaded, $"{report.Outcome}: {report.Reason}");
        Assert.Equal(
            Expected.Select(m => m with { AgentId = m.AgentId.Replace(Store + ":", "朵朵云:", StringComparison.Ordinal) }),
            Messages(bed));
        Assert.Equal([Store], bed.Query<string>("select store_id from app.store"));
    }

    [Fact]
    public void A_header_with_an_impossible_time_is_a_reject_at_its_line()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats/坏时间.txt", Transcript.Replace("2026-3-9 10:06:40", "2026-2-30 10:06:40", StringComparison.Ordinal));

        var report = bed.IngestOne("chats/坏时间.txt");

        Assert.Equal((6L, 5L, 1L), (report.Read, report.Loaded, report.Rejected));
        var reject = Assert.Single(bed.Rejects("chats/坏时间.txt"));
        Assert.Equal((17L, "sent_at", "2026-2-30 10:06:40"), (reject.Line, reject.Column, reject.Value));
    }

    [Fact]
    public void A_text_file_without_any_message_is_refused_saying_what_a_message_looks_like()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats/备注.txt", "今天的备注\r\n没有消息\r\n");

        var report = bed.IngestOne("chats/备注.txt");

        Assert.Equal(FileOutcome.Rejected, report.Outcome);
        Assert.Contains("no chat message was found", report.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chats/0309.txt", null)]
    [InlineData("chats_0309.TXT", null)]
    [InlineData("朵朵云旗舰店/聊天记录0309.txt", "朵朵云旗舰店")]
    [InlineData("朵朵云旗舰店/chats/0309.txt", "朵朵云旗舰店")]
    [InlineData("chats/0309.txt.gz", null)]
    public void A_txt_named_or_filed_as_chats_is_a_transcript(string path, string? storeFolder)
    {
        var file = Assert.IsType<ContractFile>(DataContract.Classify(path));

        Assert.Equal((FileKind.Chats, FileFormat.Transcript, storeFolder), (file.Kind, file.Format, file.StoreFolder));
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("orders/0309.txt")]
    [InlineData("朵朵云旗舰店/备注.txt")]
    public void Any_other_txt_is_not_a_contract_file_and_says_how_a_transcript_is_named(string path)
    {
        var file = Assert.IsType<NotAContractFile>(DataContract.Classify(path));

        Assert.Contains("chat transcript copied from 千牛", file.Reason.Text(), StringComparison.Ordinal);
    }
}
