using System.IO.Compression;
using System.Text;
using DuckDB.NET.Data;

namespace CsKpi.Etl.Tests;

public sealed class FilePreparerTests : IDisposable
{
    // GBK has the fullwidth ￥ (U+FFE5), not ¥ (U+00A5), which is what Chinese back-ends export.
    private const string OrdersUtf8 = "订单编号,店铺,买家会员名,买家实际支付金额\nT1001,朵朵云旗舰店,小明,\"￥1,234.50\"\nT1002,朵朵云旗舰店,阿花,88.00\n";

    private static readonly Encoding Gbk;
    private static readonly Encoding Gb18030;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"cskpi-prep-{Guid.NewGuid():N}");
    private readonly string _temp;

    static FilePreparerTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gbk = Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        Gb18030 = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public FilePreparerTests()
    {
        Directory.CreateDirectory(_root);
        _temp = Path.Combine(_root, "tmp");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_utf8_csv_is_read_in_place()
    {
        var path = Write("orders.csv", Encoding.UTF8.GetBytes(OrdersUtf8));

        using var prepared = Prepare(path);

        Assert.Equal((path, SourceEncoding.Utf8, false, FileFormat.Csv), (prepared.ReadPath, prepared.Encoding, prepared.Transcoded, prepared.Format));
        Assert.Equal(new FileInfo(path).Length, prepared.SourceBytes);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void A_utf8_csv_with_bom_is_read_in_place_because_read_csv_drops_the_bom_from_the_header()
    {
        var path = Write("orders.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(OrdersUtf8)]);

        using var prepared = Prepare(path);

        Assert.Equal((path, SourceEncoding.Utf8WithBom, false), (prepared.ReadPath, prepared.Encoding, prepared.Transcoded));
        var (header, rows) = ReadCsv(prepared.ReadPath);
        Assert.Equal("订单编号", header[0]);
        Assert.Equal("T1001", rows[0][0]);
    }

    [Fact]
    public void A_jsonl_with_bom_gets_a_copy_without_it_because_read_json_refuses_a_bom()
    {
        var json = "{\"订单编号\":\"T1001\",\"店铺\":\"朵朵云\"}\n{\"订单编号\":\"T1002\",\"店铺\":\"朵朵云\"}\n";
        var path = Write("orders.jsonl", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]);

        using var prepared = Prepare(path);

        Assert.Equal((SourceEncoding.Utf8WithBom, true), (prepared.Encoding, prepared.Transcoded));
        Assert.Equal(Encoding.UTF8.GetBytes(json), File.ReadAllBytes(prepared.ReadPath));
        using var connection = OpenDuckDb();
        using var command = connection.CreateCommand();
        command.CommandText = $"select \"订单编号\" from read_json('{prepared.ReadPath}', format = 'newline_delimited') order by 1";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("T1001", reader.GetString(0));
    }

    [Fact]
    public void A_gbk_csv_is_transcoded_and_duckdb_reads_the_chinese_text()
    {
        var path = Write("orders.csv", Gbk.GetBytes(OrdersUtf8));

        using var prepared = Prepare(path);

        Assert.Equal((SourceEncoding.Gb18030, true), (prepared.Encoding, prepared.Transcoded));
        Assert.NotEqual(path, prepared.ReadPath);
        var (header, rows) = ReadCsv(prepared.ReadPath);
        Assert.Equal(["订单编号", "店铺", "买家会员名", "买家实际支付金额"], header);
        Assert.Equal(["T1001", "朵朵云旗舰店", "小明", "￥1,234.50"], rows[0]);
        Assert.Equal(["T1002", "朵朵云旗舰店", "阿花", "88.00"], rows[1]);
    }

    [Fact]
    public void A_gb18030_character_outside_gbk_is_transcoded()
    {
        // U+20000 has no GBK code; GB18030 writes it as the four bytes 95 32 82 36.
        const string text = "买家,内容\n𠀀先生,你好𠀀\n";
        Assert.Throws<EncoderFallbackException>(() => Gbk.GetBytes(text));
        var path = Write("chats.csv", Gb18030.GetBytes(text));

        using var prepared = Prepare(path);

        Assert.Equal(SourceEncoding.Gb18030, prepared.Encoding);
        Assert.Equal(text, File.ReadAllText(prepared.ReadPath, Encoding.UTF8));
    }

    [Fact]
    public void The_euro_sign_windows_gbk_writes_as_0x80_is_read()
    {
        const string text = "店铺,金额\n欧洲店,€12\n";
        var bytes = Encoding.GetEncoding(936).GetBytes(text);
        Assert.Contains((byte)0x80, bytes);
        var path = Write("orders.csv", bytes);

        using var prepared = Prepare(path);

        Assert.Equal(text, File.ReadAllText(prepared.ReadPath, Encoding.UTF8));
    }

    [Fact]
    public void Every_two_byte_code_transcodes_as_the_framework_decodes_it()
    {
        var lines = new List<byte>();
        for (var lead = 0x81; lead <= 0xFE; lead++)
        {
            for (var trail = 0x40; trail <= 0xFE; trail++)
            {
                if (FrameworkDecodes([(byte)lead, (byte)trail]))
                {
                    lines.AddRange([(byte)lead, (byte)trail, (byte)'\n']);
                }
            }
        }

        Assert.True(lines.Count > 23_000 * 3);
        AssertTranscodedLikeTheFramework([.. lines]);
    }

    [Fact]
    public void Every_bmp_four_byte_code_transcodes_as_the_framework_decodes_it()
    {
        var lines = new List<byte>(Gbk.GetBytes("订单\n"));
        for (var b1 = 0x81; b1 <= 0x84; b1++)
        {
            for (var b2 = 0x30; b2 <= 0x39; b2++)
            {
                for (var b3 = 0x81; b3 <= 0xFE; b3++)
                {
                    for (var b4 = 0x30; b4 <= 0x39; b4++)
                    {
                        if (FrameworkDecodes([(byte)b1, (byte)b2, (byte)b3, (byte)b4]))
                        {
                            lines.AddRange([(byte)b1, (byte)b2, (byte)b3, (byte)b4, (byte)'\n']);
                        }
                    }
                }
            }
        }

        Assert.True(lines.Count > 39_000 * 5);
        AssertTranscodedLikeTheFramework([.. lines]);
    }

    [Fact]
    public void Supplementary_plane_codes_transcode_as_the_framework_decodes_them()
    {
        var random = new Random(3);
        var lines = new List<byte>(Gbk.GetBytes("订单\n"));
        lines.AddRange([0x90, 0x30, 0x81, 0x30, (byte)'\n', 0xE3, 0x32, 0x9A, 0x35, (byte)'\n']);
        for (var i = 0; i < 5_000; i++)
        {
            lines.AddRange([(byte)random.Next(0x90, 0xE3), (byte)random.Next(0x30, 0x3A), (byte)random.Next(0x81, 0xFF), (byte)random.Next(0x30, 0x3A), (byte)'\n']);
        }

        AssertTranscodedLikeTheFramework([.. lines]);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x81, 0x7F })]
    [InlineData(new byte[] { 0x81, 0xFF })]
    [InlineData(new byte[] { 0xFE, 0xFF })]
    [InlineData(new byte[] { 0x81, 0x20 })]
    [InlineData(new byte[] { 0x81, 0x30, 0x20, 0x30 })]
    [InlineData(new byte[] { 0x81, 0x30, 0x81, 0x20 })]
    [InlineData(new byte[] { 0x84, 0x31, 0xA5, 0x30 })]
    [InlineData(new byte[] { 0x85, 0x30, 0x81, 0x30 })]
    [InlineData(new byte[] { 0xE3, 0x32, 0x9A, 0x36 })]
    [InlineData(new byte[] { 0xFE, 0x39, 0xFE, 0x39 })]
    [InlineData(new byte[] { 0x81 })]
    [InlineData(new byte[] { 0x81, 0x30, 0x81 })]
    public void Sequences_outside_the_tables_get_the_frameworks_verdict(byte[] sequence)
    {
        AssertTranscodedLikeTheFramework([.. Gbk.GetBytes("订单,"), .. sequence]);
        AssertTranscodedLikeTheFramework([.. Gbk.GetBytes("订单,"), .. sequence, .. Gbk.GetBytes("\n客服\n")]);
    }

    [Fact]
    public void A_gb18030_bom_is_dropped()
    {
        var path = Write("orders.csv", [0x84, 0x31, 0x95, 0x33, .. Gbk.GetBytes(OrdersUtf8)]);

        using var prepared = Prepare(path);

        Assert.Equal(Encoding.UTF8.GetBytes(OrdersUtf8), File.ReadAllBytes(prepared.ReadPath));
    }

    [Theory]
    [InlineData("订", 1)]
    [InlineData("订", 2)]
    [InlineData("𠀀", 1)]
    [InlineData("𠀀", 2)]
    [InlineData("𠀀", 3)]
    public void A_utf8_character_split_by_the_block_boundary_is_still_utf8(string character, int bytesBeforeBoundary)
    {
        var path = Write("chats.csv", Straddling(Encoding.UTF8.GetBytes(character), bytesBeforeBoundary));

        using var prepared = Prepare(path);

        Assert.Equal((path, SourceEncoding.Utf8), (prepared.ReadPath, prepared.Encoding));
    }

    [Theory]
    [InlineData("订", 1)]
    [InlineData("𠀀", 1)]
    [InlineData("𠀀", 2)]
    [InlineData("𠀀", 3)]
    public void A_gb18030_character_split_by_the_block_boundary_is_transcoded_whole(string character, int bytesBeforeBoundary)
    {
        var bytes = Straddling(Gb18030.GetBytes(character), bytesBeforeBoundary);
        var path = Write("chats.csv", bytes);

        using var prepared = Prepare(path);

        Assert.Equal(SourceEncoding.Gb18030, prepared.Encoding);
        Assert.Equal(Gb18030.GetString(bytes), File.ReadAllText(prepared.ReadPath, Encoding.UTF8));
    }

    [Fact]
    public void A_gzipped_utf8_csv_is_decompressed()
    {
        var path = Write("orders.csv.gz", Gzip(Encoding.UTF8.GetBytes(OrdersUtf8)));

        using var prepared = Prepare(path);

        Assert.Equal((SourceEncoding.Utf8, true, FileFormat.Csv), (prepared.Encoding, prepared.Transcoded, prepared.Format));
        Assert.EndsWith(".csv", prepared.ReadPath, StringComparison.Ordinal);
        Assert.Equal(OrdersUtf8, File.ReadAllText(prepared.ReadPath));
        Assert.Equal("小明", ReadCsv(prepared.ReadPath).Rows[0][2]);
    }

    [Fact]
    public void A_gzipped_jsonl_is_decompressed()
    {
        var json = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{{\"message_id\":\"m{i}\",\"content\":\"亲，在的{i}\"}}\n"));
        var path = Write("chats.jsonl.gz", Gzip(Encoding.UTF8.GetBytes(json)));

        using var prepared = Prepare(path);

        Assert.Equal((FileFormat.JsonLines, true), (prepared.Format, prepared.Transcoded));
        Assert.EndsWith(".jsonl", prepared.ReadPath, StringComparison.Ordinal);
        Assert.Equal(json, File.ReadAllText(prepared.ReadPath));
    }

    [Fact]
    public void A_gzipped_gbk_csv_is_decompressed_and_transcoded()
    {
        var path = Write("orders.csv.gz", Gzip(Gbk.GetBytes(OrdersUtf8)));

        using var prepared = Prepare(path);

        Assert.Equal((SourceEncoding.Gb18030, true), (prepared.Encoding, prepared.Transcoded));
        Assert.Equal(OrdersUtf8, File.ReadAllText(prepared.ReadPath));
    }

    [Fact]
    public void A_gzipped_csv_with_bom_is_decompressed_without_the_bom()
    {
        var path = Write("orders.csv.gz", Gzip([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(OrdersUtf8)]));

        using var prepared = Prepare(path);

        Assert.Equal(SourceEncoding.Utf8WithBom, prepared.Encoding);
        Assert.Equal(Encoding.UTF8.GetBytes(OrdersUtf8), File.ReadAllBytes(prepared.ReadPath));
    }

    [Fact]
    public void Every_member_of_a_multi_member_gzip_is_read()
    {
        // What `cat a.gz b.gz > c.gz` makes; the second member carries a file name in its header, as gzip(1) writes.
        var first = Gzip(Encoding.UTF8.GetBytes("订单编号,店铺\nT1,朵朵云\n"));
        var second = WithFileName(Gzip(Encoding.UTF8.GetBytes("T2,朵朵云\n")), "orders.csv");
        var path = Write("orders.csv.gz", [.. first, .. second]);

        using var prepared = Prepare(path);

        Assert.Equal("订单编号,店铺\nT1,朵朵云\nT2,朵朵云\n", File.ReadAllText(prepared.ReadPath));
    }

    [Theory]
    [InlineData("half")]
    [InlineData("trailer cut by 1 byte")]
    [InlineData("trailer cut by 4 bytes")]
    [InlineData("trailer missing")]
    [InlineData("header only")]
    public void A_truncated_gzip_is_rejected_and_leaves_no_temporary_file(string cut)
    {
        var whole = Gzip(Encoding.UTF8.GetBytes(LargeChats(20_000)));
        var length = cut switch
        {
            "half" => whole.Length / 2,
            "trailer cut by 1 byte" => whole.Length - 1,
            "trailer cut by 4 bytes" => whole.Length - 4,
            "trailer missing" => whole.Length - 8,
            _ => 10,
        };
        var path = Write("chats.csv.gz", whole[..length]);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("the gzip file is truncated or damaged (the file ends before its compressed data does)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the file was not loaded — export it again", error.Message, StringComparison.Ordinal);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void A_gzip_with_a_damaged_byte_is_rejected()
    {
        var bytes = Gzip(Encoding.UTF8.GetBytes(LargeChats(20_000)));
        bytes[bytes.Length / 2] ^= 0x55;
        var path = Write("chats.csv.gz", bytes);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("the gzip file is truncated or damaged (", error.Message, StringComparison.Ordinal);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void A_gzip_whose_checksum_does_not_match_is_rejected()
    {
        var bytes = Gzip(Encoding.UTF8.GetBytes(LargeChats(1_000)));
        bytes[^8] ^= 0x01;
        var path = Write("chats.csv.gz", [.. bytes, .. Gzip("T9,x\n"u8.ToArray())]);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.Contains("(the data does not match its gzip checksum)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_with_unknown_data_after_its_end_is_rejected_but_zero_padding_is_not()
    {
        var bytes = Gzip(Encoding.UTF8.GetBytes(OrdersUtf8));
        var padded = Write("orders.csv.gz", [.. bytes, .. new byte[512]]);
        var garbage = Write("orders_2.csv.gz", [.. bytes, .. "<html>"u8.ToArray()]);

        using (var prepared = Prepare(padded))
        {
            Assert.Equal(OrdersUtf8, File.ReadAllText(prepared.ReadPath));
        }

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(garbage));
        Assert.Contains("6 bytes of unknown data follow the end of the compressed data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parquet_file_named_csv_is_rejected_with_what_it_really_is()
    {
        var parquet = Path.Combine(_root, "real.parquet");
        using (var connection = OpenDuckDb())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"copy (select 'T1' as order_id) to '{parquet}' (format parquet)";
            command.ExecuteNonQuery();
        }

        var path = Write("orders.csv", File.ReadAllBytes(parquet));

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.Equal("this .csv file is really a Parquet file; rename it to .parquet", error.Message);
        using var asParquet = Prepare(Write("orders.parquet", File.ReadAllBytes(parquet)));
        Assert.Equal((SourceEncoding.Binary, false, FileFormat.Parquet), (asParquet.Encoding, asParquet.Transcoded, asParquet.Format));
    }

    [Fact]
    public void An_excel_workbook_named_csv_is_rejected()
    {
        var path = Write("orders.csv", Zip("[Content_Types].xml", "xl/workbook.xml"));

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.Equal("this .csv file is really an Excel workbook (.xlsx); rename it to .xlsx", error.Message);
    }

    [Fact]
    public void A_zip_archive_named_csv_is_rejected()
    {
        var path = Write("orders.csv", Zip("orders_2026-01.csv"));

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.Equal("this .csv file is really a zip archive; unzip it and drop the files inside into the inbox", error.Message);
    }

    [Fact]
    public void A_gzip_file_named_csv_is_rejected()
    {
        var path = Write("orders.csv", Gzip(Encoding.UTF8.GetBytes(OrdersUtf8)));

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.Equal("this .csv file is really a gzip-compressed file; rename it to .csv.gz", error.Message);
    }

    [Fact]
    public void A_plain_csv_named_csv_gz_is_rejected()
    {
        var path = Write("orders.csv.gz", Encoding.UTF8.GetBytes(OrdersUtf8));

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.Equal("this .csv.gz file is not gzip-compressed: it is plain text; rename it to .csv", error.Message);
    }

    [Fact]
    public void A_file_with_nul_bytes_is_rejected_as_binary()
    {
        var path = Write("chats.jsonl", [.. "{\"a\":1}\n"u8.ToArray(), 0, 1, 2, 3]);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("this .jsonl file is really binary data (it has NUL bytes in its first KB), not text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_text_without_a_bom_is_transcoded_and_a_comma_header_stays_comma_separated()
    {
        var path = Write("orders.csv", Encoding.Unicode.GetBytes("order_id,amount\nT1,10\n"));

        using var prepared = Prepare(path);

        Assert.Equal((SourceEncoding.Utf16, true, ','), (prepared.Encoding, prepared.Transcoded, prepared.Delimiter));
        Assert.Equal("order_id,amount\nT1,10\n", File.ReadAllText(prepared.ReadPath));
    }

    [Fact]
    public void Big_endian_utf16_with_its_bom_is_transcoded_tab_separated()
    {
        var path = Write("orders.csv", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("订单编号\t买家实际支付金额\nT1\t10\n")]);

        using var prepared = Prepare(path);

        Assert.Equal((SourceEncoding.Utf16, '\t'), (prepared.Encoding, prepared.Delimiter));
        Assert.Equal("订单编号\t买家实际支付金额\nT1\t10\n", File.ReadAllText(prepared.ReadPath));
    }

    [Fact]
    public void Utf16_text_cut_in_the_middle_of_a_character_is_rejected_and_leaves_no_temporary_file()
    {
        byte[] text = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("订单编号\t金额\nT1\t10\n")];
        var path = Write("orders.csv", text[..^1]);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("the file is UTF-16 text (Excel's \"Unicode text\"), but it is cut in the middle of a character", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(_temp) ? Directory.GetFiles(_temp) : []);
    }

    [Fact]
    public void Utf16_text_with_only_a_bom_is_empty()
    {
        var path = Write("orders.csv", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(" \r\n")]);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.Equal("the file is empty: no header row, only a byte order mark and white space; the file was not loaded — export it again", error.Message);
    }

    [Theory]
    [InlineData("orders.csv", "")]
    [InlineData("orders.csv", "\uFEFF")]
    [InlineData("orders.csv", "\uFEFF \r\n\r\n\t")]
    [InlineData("chats.jsonl", "\n\n")]
    public void An_empty_file_is_rejected(string name, string content)
    {
        var path = Write(name, Encoding.UTF8.GetBytes(content));

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("the file is empty: no header row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_gzipped_csv_is_rejected()
    {
        var path = Write("orders.csv.gz", Gzip([]));

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("the file is empty: no header row", error.Message, StringComparison.Ordinal);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void A_parquet_file_without_its_markers_is_rejected()
    {
        var text = Write("orders.parquet", Encoding.UTF8.GetBytes(OrdersUtf8));
        var parquet = Path.Combine(_root, "real.parquet");
        using (var connection = OpenDuckDb())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"copy (select range as id from range(1000)) to '{parquet}' (format parquet)";
            command.ExecuteNonQuery();
        }

        var bytes = File.ReadAllBytes(parquet);
        var cut = Write("orders_cut.parquet", bytes[..(bytes.Length / 2)]);

        Assert.Equal("not a Parquet file (no PAR1 marker at its start); it looks like CSV text; rename it to .csv",
            Assert.Throws<UnreadableFileException>(() => Prepare(text)).Message);
        Assert.StartsWith("the Parquet file is truncated",
            Assert.Throws<UnreadableFileException>(() => Prepare(cut)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_neither_utf8_nor_gb18030_are_rejected_and_leave_no_temporary_file()
    {
        // Valid GBK for more than one block, so the copy is written before the bad bytes are met.
        var gbk = Gbk.GetBytes(LargeChats(40_000));
        Assert.True(gbk.Length > FilePreparer.BufferSize);
        var path = Write("chats.csv", [.. gbk, 0xFF, 0xFF, (byte)'\n']);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("the file is neither UTF-8 nor GBK/GB18030 text: line 40002", error.Message, StringComparison.Ordinal);
        Assert.Contains("0xFF", error.Message, StringComparison.Ordinal);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void Random_bytes_without_nuls_are_rejected()
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = bytes[i] == 0 ? (byte)0xFF : bytes[i];
        }

        var path = Write("orders.csv", bytes);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("the file is neither UTF-8 nor GBK/GB18030 text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_with_a_character_cut_in_half_is_rejected_rather_than_decoded_as_gb18030()
    {
        // GB18030 decodes most UTF-8 bytes without complaint, into mojibake; one damaged message must not do that to the file.
        var lines = LargeChats(2_000).Split('\n');
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines[..1000]) + "\n");
        byte[] damaged = [.. bytes, .. Encoding.UTF8.GetBytes("朵朵云,买家x,朵朵云:小A,buyer,2026-03-08 10:00:00,"), 0xE4, 0xBD, (byte)'\n',
            .. Encoding.UTF8.GetBytes(string.Join('\n', lines[1000..]))];
        var path = Write("chats.csv", damaged);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("the file is UTF-8 text, but line 1001", error.Message, StringComparison.Ordinal);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void The_temporary_file_is_deleted_on_dispose()
    {
        var path = Write("orders.csv", Gbk.GetBytes(OrdersUtf8));
        var prepared = Prepare(path);
        Assert.True(File.Exists(prepared.ReadPath));
        Assert.StartsWith(Path.GetFullPath(_temp), prepared.ReadPath, StringComparison.Ordinal);

        prepared.Dispose();
        prepared.Dispose();

        Assert.False(File.Exists(prepared.ReadPath));
        Assert.Empty(TempFiles());
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Two_preparations_of_one_file_get_distinct_temporary_files()
    {
        var path = Write("orders.csv.gz", Gzip(Encoding.UTF8.GetBytes(OrdersUtf8)));

        using var first = Prepare(path);
        using var second = Prepare(path);

        Assert.NotEqual(first.ReadPath, second.ReadPath);
        Assert.Equal(2, TempFiles().Length);
    }

    [Fact]
    public void A_chat_csv_gets_a_copy_with_each_records_line_in_front_of_it_as_DuckDB_counts_records()
    {
        // A title line above the header, a BOM, \r\n breaks, a quoted value with a line break and an escaped quote,
        // a quoted first value, and a last record without its line break.
        var text = "\uFEFF2026年3月聊天记录\r\nmessage_id,store_id,buyer_id,agent_id,sender,sent_at,content\r\n"
            + "m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,\"第一行\r\n第二行，\"\"引号\"\"\"\r\n"
            + "\"m2\",朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,\"在\"\r\n"
            + "m3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,好的";
        var path = Write("chats.csv", Encoding.UTF8.GetBytes(text));

        using var prepared = Prepare(path);

        Assert.Equal((1, 3L), (prepared.SkipLines, prepared.NumberedRecords));
        Assert.Equal(path, prepared.ReadPath);
        Assert.Equal([prepared.NumberedPath!], TempFiles());
        using var connection = OpenDuckDb();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            select cskpi_line, message_id, content from read_csv('{prepared.NumberedPath}', delim = ',', quote = '"', escape = '"',
                header = true, skip = 1, all_varchar = true)
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        // The header is line 2 (the title is line 1); a record's line is the header's plus its place, as the staged way numbers it.
        Assert.Equal([("3", "m1", "第一行\r\n第二行，\"引号\""), ("4", "m2", "在"), ("5", "m3", "好的")], rows);
    }

    [Fact]
    public void Records_and_quoted_line_breaks_across_the_block_boundary_keep_their_lines()
    {
        // Records of about 60 bytes; one quoted value holds two line breaks and an escaped quote whose two halves are
        // the first block's last byte and the second block's first.
        var text = new StringBuilder("message_id,store_id,buyer_id,agent_id,sender,sent_at,content\n");
        var record = 0;
        while (text.Length < FilePreparer.BufferSize + 50_000)
        {
            record++;
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"m{record},s,b,a,buyer,2026-03-08 09:00:00,");
            var x = FilePreparer.BufferSize - text.Length - 4;
            text.Append(x is >= 0 and < 100 ? "\"\n\n" + new string('x', x) + "\"\"yy\"" : "yyyy").Append('\n');
        }

        Assert.Equal("\"\"", text.ToString(FilePreparer.BufferSize - 1, 2));
        var path = Write("chats.csv", Encoding.ASCII.GetBytes(text.ToString()));

        using var prepared = Prepare(path);

        Assert.Equal((long)record, prepared.NumberedRecords);
        using var connection = OpenDuckDb();
        using var command = connection.CreateCommand();
        command.CommandText = $$"""
            select count(*), count(*) filter (where cskpi_line <> cast(substr(message_id, 2) as bigint) + 1),
                   count(*) filter (where contains(content, chr(10)))
            from read_csv('{{prepared.NumberedPath}}', delim = ',', quote = '"', escape = '"', header = true, all_varchar = true,
                types = {'cskpi_line': 'BIGINT'})
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(((long)record, 0L, 1L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    [Fact]
    public void Chinese_values_cut_by_the_block_boundary_leave_their_columns_uncleaned_and_a_dirty_one_is_still_seen()
    {
        // Every value plain, so no column needs etl.clean_value; shifted one byte at a time, the first block's end cuts a
        // character at the start, inside and at the end of a value, in every column.
        for (var shift = 0; shift < 40; shift++)
        {
            var text = new StringBuilder("message_id,store_id,buyer_id,agent_id,sender,sent_at,content\n");
            text.Append(new string('1', shift + 1)).Append(",朵朵云旗舰店,快乐星球,朵朵云:小航,buyer,2026-03-08 09:00:00,衬衫有优惠券吗\n");
            for (var i = 0; Encoding.UTF8.GetByteCount(text.ToString()) < FilePreparer.BufferSize + 4096; i++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"m{i},朵朵云旗舰店,快乐星球{i % 10},朵朵云:小航,buyer,2026-03-08 09:00:00,衬衫有优惠券吗\n");
            }

            using var prepared = Prepare(Write($"chats_{shift}.csv", Encoding.UTF8.GetBytes(text.ToString())));

            Assert.Equal((0UL, false, 7), (prepared.Numbering!.Value.CleanColumns, prepared.Numbering.Value.MayHoldTotals, prepared.Numbering.Value.HeaderFields));
        }

        var dirty = "message_id,store_id,buyer_id,agent_id,sender,sent_at,content\nm1,朵朵云,快乐,朵朵云:小航,buyer,2026-03-08 09:00:00,好的\u3000\n合计,朵朵云,快乐,朵朵云:小航,buyer,2026-03-08 09:00:00,好\n";
        using var marked = Prepare(Write("chats_dirty.csv", Encoding.UTF8.GetBytes(dirty)));
        Assert.Equal((1UL << 6, true), (marked.Numbering!.Value.CleanColumns, marked.Numbering.Value.MayHoldTotals));
    }

    [Theory]
    [InlineData("a quote inside an unquoted value", "m1,s,b,a,buyer,2026-03-08 09:00:00,他说\"好\"\n")]
    [InlineData("text after a closing quote", "m1,s,b,a,buyer,2026-03-08 09:00:00,\"好\"的\n")]
    [InlineData("an empty line", "m1,s,b,a,buyer,2026-03-08 09:00:00,好\n\nm2,s,b,a,buyer,2026-03-08 09:00:00,好\n")]
    [InlineData("a carriage return alone", "m1,s,b,a,buyer,2026-03-08 09:00:00,好\rm2,s,b,a,buyer,2026-03-08 09:00:00,好\n")]
    [InlineData("a quote never closed", "m1,s,b,a,buyer,2026-03-08 09:00:00,\"好\nm2,s,b,a,buyer,2026-03-08 09:00:00,好\n")]
    public void A_chat_csv_whose_records_DuckDB_might_split_otherwise_gets_no_numbered_copy(string what, string records)
    {
        var path = Write("chats.csv", Encoding.UTF8.GetBytes("message_id,store_id,buyer_id,agent_id,sender,sent_at,content\n" + records));

        using var prepared = Prepare(path);

        Assert.True(prepared.NumberedPath is null, what);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void A_gbk_chat_csv_is_numbered_from_its_utf8_copy_and_the_copy_numbered_beside_the_check_is_dropped()
    {
        // More than a block of GBK: the numbering, which checks the UTF-8 as it reads, stops at the first GBK byte and drops its copy.
        var text = LargeChats(40_000);
        var gbk = Gbk.GetBytes(text);
        Assert.True(gbk.Length > FilePreparer.BufferSize);

        using var prepared = Prepare(Write("chats.csv", gbk));

        Assert.Equal((SourceEncoding.Gb18030, true, 40_000L), (prepared.Encoding, prepared.Transcoded, prepared.NumberedRecords));
        Assert.Equal(new[] { prepared.NumberedPath!, prepared.ReadPath }.Order(StringComparer.Ordinal), TempFiles().Order(StringComparer.Ordinal));
        var (header, rows) = ReadCsv(prepared.NumberedPath!);
        Assert.Equal(["cskpi_line", "store_id"], header[..2]);
        Assert.Equal(["40001", "朵朵云", "买家39999"], rows[^1][..3]);
    }

    [Fact]
    public void A_utf8_chat_csv_with_a_bom_keeps_its_encoding_and_its_numbered_copy()
    {
        var path = Write("chats.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(LargeChats(3))]);

        using var prepared = Prepare(path);

        Assert.Equal((path, SourceEncoding.Utf8WithBom, false, 3L), (prepared.ReadPath, prepared.Encoding, prepared.Transcoded, prepared.NumberedRecords));
        Assert.Equal([prepared.NumberedPath!], TempFiles());
        var (header, rows) = ReadCsv(prepared.NumberedPath!);
        Assert.Equal(["cskpi_line", "store_id"], header[..2]);
        Assert.Equal(["2", "3", "4"], rows.Select(r => r[0]));
    }

    [Fact]
    public void A_chat_csv_damaged_after_its_first_block_is_refused_as_before_and_leaves_no_copy()
    {
        // The numbering checks the UTF-8 as it reads and makes no copy; the check then reads the whole file and names the line.
        var lines = LargeChats(20_000).Split('\n');
        byte[] damaged = [.. Encoding.UTF8.GetBytes(string.Join('\n', lines[..15_000]) + "\n"),
            .. Encoding.UTF8.GetBytes("朵朵云,买家x,朵朵云:小A,buyer,2026-03-08 10:00:00,"), 0xE4, 0xBD, (byte)'\n',
            .. Encoding.UTF8.GetBytes(string.Join('\n', lines[15_000..]))];
        Assert.True(damaged.AsSpan().IndexOf((byte)0xBD) > FilePreparer.BufferSize);
        var path = Write("chats.csv", damaged);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.StartsWith("the file is UTF-8 text, but line 15001", error.Message, StringComparison.Ordinal);
        Assert.Empty(TempFiles());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_utf8_chat_csv_whose_block_ends_inside_a_character_is_utf8_and_numbered(int shift)
    {
        // Three bytes a Chinese character: one of the shifts puts the block's end after each byte of one.
        var text = LargeChats(20_000).Replace("朵朵云,买家0,", "朵朵云" + new string('x', shift) + ",买家0,", StringComparison.Ordinal);
        var path = Write("chats.csv", Encoding.UTF8.GetBytes(text));

        using var prepared = Prepare(path);

        Assert.Equal((path, SourceEncoding.Utf8, 20_000L), (prepared.ReadPath, prepared.Encoding, prepared.NumberedRecords));
        Assert.NotNull(prepared.NumberedPath);
    }

    [Fact]
    public void A_chat_csv_that_is_not_text_is_refused_as_before_and_leaves_no_copy()
    {
        // A zip archive named .csv: the check refuses it at once, the numbering beside it is stopped and its copy deleted.
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, .. new byte[3 * FilePreparer.BufferSize]];
        var path = Write("chats.csv", zip);

        var error = Assert.Throws<UnreadableFileException>(() => Prepare(path));

        Assert.Equal("this .csv file is really a zip archive; unzip it and drop the files inside into the inbox", error.Message);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void Only_a_chat_csv_is_numbered_and_its_copy_goes_with_the_prepared_file()
    {
        using (var orders = Prepare(Write("orders.csv", Encoding.UTF8.GetBytes(OrdersUtf8))))
        {
            Assert.Null(orders.NumberedPath);
        }

        var prepared = Prepare(Write("chats.csv.gz", Gzip(Encoding.UTF8.GetBytes("message_id,store_id,buyer_id,agent_id,sender,sent_at,content\nm1,s,b,a,buyer,2026-03-08 09:00:00,好\n"))));
        Assert.Equal(1L, prepared.NumberedRecords);
        Assert.Equal(2, TempFiles().Length);

        prepared.Dispose();

        Assert.Empty(TempFiles());
    }

    private static bool FrameworkDecodes(byte[] sequence)
    {
        try
        {
            Gb18030.GetString(sequence);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The transcoded copy holds what the framework's GB18030 decoder makes of the bytes, or both refuse them.</summary>
    private void AssertTranscodedLikeTheFramework(byte[] bytes)
    {
        var path = Write($"chats_{Guid.NewGuid():N}.csv", bytes);
        if (!FrameworkDecodes(bytes))
        {
            Assert.StartsWith("the file is neither UTF-8 nor GBK/GB18030 text",
                Assert.Throws<UnreadableFileException>(() => Prepare(path)).Message, StringComparison.Ordinal);
            return;
        }

        using var prepared = Prepare(path);
        Assert.Equal(SourceEncoding.Gb18030, prepared.Encoding);
        Assert.Equal(Gb18030.GetString(bytes), File.ReadAllText(prepared.ReadPath, Encoding.UTF8));
    }

    private PreparedFile Prepare(string path) =>
        FilePreparer.Prepare(path, Assert.IsType<ContractFile>(DataContract.Classify(_root, path)), _temp);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string[] TempFiles() => Directory.Exists(_temp) ? Directory.GetFiles(_temp) : [];

    /// <summary>ASCII rows with <paramref name="character"/> placed so its first <paramref name="bytesBefore"/> bytes end the first block.</summary>
    private static byte[] Straddling(byte[] character, int bytesBefore)
    {
        var header = "buyer,content\n"u8;
        var bytes = new byte[FilePreparer.BufferSize + 4096];
        bytes.AsSpan().Fill((byte)'a');
        header.CopyTo(bytes);
        for (var i = 64; i < bytes.Length; i += 64)
        {
            bytes[i] = (byte)'\n';
        }

        var at = FilePreparer.BufferSize - bytesBefore;
        bytes.AsSpan(at - 1, character.Length + 2).Fill((byte)'b');
        character.CopyTo(bytes, at);
        return bytes;
    }

    private static string LargeChats(int rows) =>
        "store_id,buyer_id,agent_id,sender,sent_at,content\n"
        + string.Concat(Enumerable.Range(0, rows).Select(i => $"朵朵云,买家{i},朵朵云:小A,buyer,2026-03-08 10:{i % 60:00}:00,亲，这件衣服有货吗？尺码{i % 7}\n"));

    private static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return compressed.ToArray();
    }

    /// <summary>Sets FNAME in a gzip header and inserts the name, as gzip(1) does for a named file.</summary>
    private static byte[] WithFileName(byte[] gzip, string name)
    {
        var withName = gzip.ToArray();
        withName[3] |= 0x08;
        return [.. withName[..10], .. Encoding.ASCII.GetBytes(name), 0, .. withName[10..]];
    }

    private static byte[] Zip(params string[] entries)
    {
        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }

        return archive.ToArray();
    }

    private static DuckDBConnection OpenDuckDb()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    private static (string[] Header, List<string[]> Rows) ReadCsv(string path)
    {
        using var connection = OpenDuckDb();
        using var command = connection.CreateCommand();
        command.CommandText = $"select * from read_csv('{path}', delim = ',', quote = '\"', escape = '\"', header = true, all_varchar = true)";
        using var reader = command.ExecuteReader();
        var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return (header, rows);
    }
}
