using System.Globalization;
using System.Text;
using CsKpi.Etl.Tests.Support;

namespace CsKpi.Etl.Tests;

/// <summary>
/// The numbering takes whole records without quotes or carriage returns a run at a time (<see cref="RecordNumbering"/>'s
/// plain runs) and every other record field by field: whatever the mix, the copy holds every record's own line, and
/// the copy and what the pass found are those of the field-by-field pass alone.
/// </summary>
public sealed class RecordNumberingPlainRunTests : IDisposable
{
    private const string Header = NumberingFolder.Header;

    private readonly NumberingFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, "\n", 0.01)]
    [InlineData(2, "\r\n", 0.01)]
    [InlineData(3, "\n", 0.3)]
    [InlineData(4, "\r\n", 0.3)]
    [InlineData(5, "\n", 0)]
    public void Plain_runs_and_quoted_records_mixed_over_several_blocks_keep_every_records_line_and_the_passes_marks(int seed, string lineEnd, double quoted)
    {
        // Records of 20–400 bytes (a block's end cuts one wherever it falls), quoted values with line breaks and escaped
        // quotes among plain records, values the cleaning may change in some columns only, a title line and a BOM.
        var random = new Random(seed);
        var cleanable = random.Next(1 << 7);
        var text = new StringBuilder("\uFEFF2026年3月聊天记录" + lineEnd + Header + lineEnd);
        for (var (record, length) = (0, 0); length < 2 * FilePreparer.BufferSize + 300_000; record++)
        {
            var values = string.Join(',', Enumerable.Range(0, 7).Select(column => Value(random, column, (cleanable & (1 << column)) != 0, quoted)));
            text.Append(values).Append(lineEnd);
            length += Encoding.UTF8.GetByteCount(values) + lineEnd.Length;
            if (record == 5000 && seed % 2 == 0)
            {
                text.Append("合计,s,b,a,buyer,2026-03-08 09:00:00,x").Append(lineEnd);
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var source = WriteFile("chats.csv", bytes);

        var (fieldByField, fieldByFieldCopy) = Number(source, skipLines: 1, splitNear: 0, plainRuns: false);
        var (runs, runsCopy) = Number(source, skipLines: 1, splitNear: 0);
        var (halves, halvesCopy) = Number(source, skipLines: 1, splitNear: bytes.Length / 2);

        var (expected, records) = Expected(bytes, skipLines: 1);
        Assert.Equal(records, runs!.Value.Records);
        Assert.Equal(expected, runsCopy);
        Assert.Equal(expected, fieldByFieldCopy);
        Assert.Equal(expected, halvesCopy);
        Assert.Equal(fieldByField, runs);
        Assert.Equal(fieldByField, halves);
    }

    [Fact]
    public void A_record_cut_by_a_blocks_end_is_numbered_wherever_the_cut_falls_also_inside_a_character()
    {
        // Shifted a byte at a time, the block's end falls on every byte of the records around it (a delimiter, a
        // line feed, each byte of a Chinese character, a value's first and last bytes), and on the 64-byte chunks.
        var records = new StringBuilder();
        for (var i = 0; records.Length < FilePreparer.BufferSize * 3 / 4; i++)
        {
            // About 1.5 bytes a character: over a block in all.
            records.Append(CultureInfo.InvariantCulture, $"m{i},朵朵云旗舰店,快乐星球{i % 97},朵朵云:小航{i % 13},buyer,2026-03-08 09:{i % 60:00}:00,衬衫有优惠券吗 元\n");
        }

        for (var shift = 0; shift < 140; shift++)
        {
            var text = new StringBuilder(Header + "\n").Append(new string('m', shift + 1)).Append(",s,b,a,buyer,2026-03-08 09:00:00,x\n").Append(records);
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            Assert.True(bytes.Length > FilePreparer.BufferSize + 1000);
            Assert.Equal(1UL << 6, NumberedAsThePassNumbers(bytes).CleanColumns);
        }
    }

    [Fact]
    public void A_windows_export_is_numbered_in_plain_runs_its_last_column_marked_for_the_carriage_return_as_the_pass_marks_it()
    {
        // The time last, so that only a carriage return makes its column one of other times. One block, its first and last
        // records without a carriage return: every carriage return is in a plain run (the pass takes the first record
        // after the header and the one a block ends with).
        var text = new StringBuilder("message_id,store_id,buyer_id,agent_id,sender,content,sent_at\r\n")
            .Append("m,朵朵云旗舰店,快乐星球,朵朵云:小航,buyer,好,2026-03-08 09:00:00\n");
        for (var i = 0; i < 8_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"m{i},朵朵云旗舰店,快乐星球,朵朵云:小航,buyer,{(i % 3 == 0 ? "" : "衬衫有优惠券吗")},2026-03-08 09:00:00\r\n");
        }

        text.Append("m,朵朵云旗舰店,快乐星球,朵朵云:小航,buyer,好,2026-03-08 09:00:00");
        var numbered = NumberedAsThePassNumbers(Encoding.UTF8.GetBytes(text.ToString()));

        Assert.Equal(1UL << 6, numbered.CleanColumns);
        Assert.Equal(0b0111111UL | (1UL << 6), numbered.OtherTimes);
    }

    [Theory]
    [InlineData(" 好", 2, true)]
    [InlineData("好 ", 3, true)]
    [InlineData("=1+1", 6, true)]
    [InlineData("-5", 0, true)]
    [InlineData("１２３", 1, true)]
    [InlineData("价格100元", 6, true)]
    [InlineData("\u3000好", 6, true)]
    [InlineData("好\u00A0", 6, true)]
    [InlineData("'abc", 4, true)]
    [InlineData("😀好", 6, false)]
    [InlineData("合计", 0, true)]
    [InlineData("", 0, true)]
    [InlineData("", 6, false)]
    [InlineData("2026-03-08 24:00:00", 5, true)]
    [InlineData("2026-03-08 23:59:59", 5, false)]
    public void One_value_inside_a_plain_run_marks_its_column_as_the_pass_marks_it(string value, int column, bool marks)
    {
        // One block of plain records, the value in the middle of it (where only a plain run reads it).
        byte[] File(string? odd)
        {
            var text = new StringBuilder(Header + "\n");
            for (var i = 0; i < 6_000; i++)
            {
                string[] values = [$"m{i}", "朵朵云旗舰店", "快乐星球", "朵朵云:小航", "buyer", "2026-03-08 09:00:00", "衬衫有优惠券吗"];
                if (i == 3_000 && odd is not null)
                {
                    values[column] = odd;
                }

                text.Append(string.Join(',', values)).Append('\n');
            }

            return Encoding.UTF8.GetBytes(text.ToString());
        }

        Assert.Equal(marks, NumberedAsThePassNumbers(File(value)) != NumberedAsThePassNumbers(File(null)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Line_numbers_gain_a_digit_in_the_middle_of_a_block_in_one_pass_and_in_halves(int skipLines)
    {
        // 120,000 short records: lines 9→10, 99→100, … 99,999→100,000 inside blocks, and a second half starting anywhere.
        var text = new StringBuilder(string.Concat(Enumerable.Repeat("标题\n", skipLines))).Append(Header).Append('\n');
        for (var i = 0; i < 120_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},s,b,a,buyer,2026-03-08 09:00:00,x\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var source = WriteFile("chats.csv", bytes);
        var (expected, _) = Expected(bytes, skipLines);

        foreach (var near in new long[] { 0, 300, 3_700, 41_000, 2_000_000, bytes.Length - 100 })
        {
            var (numbered, copy) = Number(source, skipLines, splitNear: near);

            Assert.Equal(120_000L, numbered!.Value.Records);
            Assert.Equal(expected, copy);
        }
    }

    [Fact]
    public void The_copys_numbers_gain_a_digit_from_9_to_10_and_are_written_again_after_a_jump()
    {
        var target = Path.Combine(_folder.Root, "numbers.csv");
        long[] lines =
        [
            .. Enumerable.Range(0, 25).Select(i => 999_999_990L + i),
            .. Enumerable.Range(0, 3).Select(i => 17L + i),
            .. Enumerable.Range(0, 25).Select(i => 999_999_999_999_999_990L + i),
            .. Enumerable.Range(0, 12).Select(i => 1L + i),
        ];
        using (var handle = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            var output = new RecordNumbering.Output(handle, new byte[64], 0);
            foreach (var line in lines)
            {
                output.Number(line, (byte)',');
            }

            output.Flush();
        }

        Assert.Equal(string.Concat(lines.Select(line => line.ToString(CultureInfo.InvariantCulture) + ",")), File.ReadAllText(target));
    }

    [Theory]
    [InlineData("a quote inside an unquoted value", "m9,s,b,a,buyer,2026-03-08 09:00:00,他说\"好\"\n")]
    [InlineData("text after a closing quote", "m9,s,b,a,buyer,2026-03-08 09:00:00,\"好\"的\n")]
    [InlineData("an empty line", "m9,s,b,a,buyer,2026-03-08 09:00:00,好\n\n")]
    [InlineData("a carriage return alone", "m9,s,b,a,buyer,2026-03-08 09:00:00,好\rm10,s,b,a,buyer,2026-03-08 09:00:00,好\n")]
    [InlineData("a record starting with a carriage return", "\rm10,s,b,a,buyer,2026-03-08 09:00:00,好\n")]
    [InlineData("a quote never closed", "m9,s,b,a,buyer,2026-03-08 09:00:00,\"好\nm10,s,b,a,buyer,2026-03-08 09:00:00,好\n")]
    public void A_record_the_field_by_field_pass_refuses_is_refused_inside_a_plain_run(string what, string bad)
    {
        var plain = string.Concat(Enumerable.Range(1, 30_000).Select(i => $"m{i},朵朵云旗舰店,快乐星球,朵朵云:小航,buyer,2026-03-08 09:00:00,衬衫有优惠券吗\n"));
        foreach (var at in new[] { 0, 5_000, plain.IndexOf('\n', 300_000) + 1, plain.Length })
        {
            var bytes = Encoding.UTF8.GetBytes(Header + "\n" + plain[..at] + bad + plain[at..]);
            var source = WriteFile("chats.csv", bytes);
            Assert.True(Number(source, skipLines: 0, splitNear: 0).Numbered is null, $"{what}, at {at}");
            Assert.True(Number(source, skipLines: 0, splitNear: bytes.Length / 3).Numbered is null, $"{what}, at {at}, in halves");
        }
    }

    /// <summary>A value of one of the kinds a chat export holds, or (in a cleanable column) one the cleaning may change.</summary>
    private static string Value(Random random, int column, bool cleanable, double quoted)
    {
        if (random.NextDouble() < quoted)
        {
            return random.Next(4) switch
            {
                0 => "\"第一行\n第二行\"",
                1 => "\"a,\"\"b\"\"\r\nc\"",
                2 => "\"好,的\"",
                _ => "\"\"",
            };
        }

        if (cleanable && random.Next(50) == 0)
        {
            return random.Next(8) switch
            {
                0 => " 好",
                1 => "好 ",
                2 => "=1+1",
                3 => "１２３",
                4 => "价格100元",
                5 => "\u3000好",
                6 => "'abc",
                _ => "😀好",
            };
        }

        var length = random.Next(1, 60);
        return column switch
        {
            0 => random.Next(200) == 0 ? "" : $"m{random.NextInt64(1_000_000_000_000)}",
            5 => random.Next(500) == 0 ? "2026-03-08 24:00:00" : $"2026-03-{random.Next(1, 29):00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}",
            4 => random.Next(3) switch { 0 => "buyer", 1 => "agent", _ => "" },
            _ => string.Concat(Enumerable.Range(0, length).Select(i => random.Next(3) == 0 ? (char)('a' + random.Next(26)) : (char)(0x4E00 + random.Next(0x5000)))),
        };
    }

    /// <summary>
    /// The numbered copy built the plain way: the BOM dropped, the title lines as they are, the header after the column's
    /// name, each record after its line (a line feed inside quotes does not end a record).
    /// </summary>
    private static (byte[] Copy, long Records) Expected(byte[] bytes, int skipLines)
    {
        var text = bytes.AsSpan(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
        var copy = new List<byte>();
        var line = 0L;
        var quoted = false;
        var atStart = true;
        foreach (var b in text)
        {
            if (atStart && line >= skipLines)
            {
                copy.AddRange(Encoding.ASCII.GetBytes(line == skipLines ? RecordNumbering.Column + "," : $"{line + 1},"));
            }

            atStart = false;
            copy.Add(b);
            quoted ^= b == '"';
            if (b == '\n' && (!quoted || line < skipLines))
            {
                line++;
                atStart = true;
            }
        }

        return ([.. copy], line - skipLines - (atStart ? 1 : 0));
    }

    /// <summary>The numbering of a file (no title lines) with plain runs, checked against the expected copy and the field-by-field pass's outcome.</summary>
    private RecordNumbering.Numbered NumberedAsThePassNumbers(byte[] bytes)
    {
        var source = WriteFile("chats.csv", bytes);
        var (fieldByField, _) = Number(source, skipLines: 0, splitNear: 0, plainRuns: false);
        var (runs, copy) = Number(source, skipLines: 0, splitNear: 0);

        Assert.Equal(Expected(bytes, skipLines: 0).Copy, copy);
        Assert.Equal(fieldByField, runs);
        return runs!.Value;
    }

    private (RecordNumbering.Numbered? Numbered, byte[] Copy) Number(string source, int skipLines, long splitNear, bool plainRuns = true) =>
        _folder.Number(source, skipLines, splitNear, plainRuns: plainRuns);

    private string WriteFile(string name, byte[] bytes) => _folder.WriteFile(name, bytes);
}
