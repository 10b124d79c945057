using System.Text;
using CsKpi.Etl.Tests.Support;

namespace CsKpi.Etl.Tests;

/// <summary>
/// A big chat file is numbered in two halves on two threads (<see cref="RecordNumbering"/>): wherever the cut falls,
/// the copy and what the pass found are the one pass's, and a file one pass refuses is refused.
/// </summary>
public sealed class RecordNumberingSplitTests : IDisposable
{
    private const string Header = NumberingFolder.Header;

    private readonly NumberingFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Two_halves_number_a_file_as_one_pass_does_wherever_the_cut_falls_also_inside_a_quoted_line_break()
    {
        // A BOM, a title line, \r\n breaks, quoted values with line breaks and escaped quotes, a quoted first value,
        // a value to clean and a totals-like first value in the second half only, a last record without its break.
        var text = "\uFEFF2026年3月聊天记录\r\n" + Header + "\r\n"
            + "m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,\"第一行\r\n第二行，\"\"引号\"\"\"\r\n"
            + "\"m2\",朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,\"在\n\n呢\"\r\n"
            + "m3,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:20,好的\r\n"
            + "m4,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:30,\"a,\"\"b\"\"\nc\"\r\n"
            + "合计,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:40, 好\r\n"
            + "m6,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:50,好的";
        var bytes = Encoding.UTF8.GetBytes(text);
        var source = WriteFile("chats.csv", bytes);
        var (onePass, oneCopy) = Number(source, skipLines: 1, splitNear: 0);
        Assert.Equal(6L, onePass!.Value.Records);
        Assert.Equal((1UL << 6) | 1UL, onePass.Value.CleanColumns);

        var insideQuotedBreak = 0;
        for (var near = 1; near <= bytes.Length + 1; near++)
        {
            var (split, copy) = Number(source, skipLines: 1, splitNear: near);

            Assert.Equal(onePass, split);
            Assert.Equal(oneCopy, copy);
            insideQuotedBreak += InsideQuotedLineBreak(bytes, near - 1) ? 1 : 0;
        }

        Assert.True(insideQuotedBreak > 0);
    }

    [Theory]
    [InlineData("a quote inside an unquoted value", "m9,s,b,a,buyer,2026-03-08 09:00:00,他说\"好\"\n")]
    [InlineData("text after a closing quote", "m9,s,b,a,buyer,2026-03-08 09:00:00,\"好\"的\n")]
    [InlineData("an empty line", "m9,s,b,a,buyer,2026-03-08 09:00:00,好\n\n")]
    [InlineData("a carriage return alone", "m9,s,b,a,buyer,2026-03-08 09:00:00,好\rm10,s,b,a,buyer,2026-03-08 09:00:00,好\n")]
    [InlineData("a quote never closed", "m9,s,b,a,buyer,2026-03-08 09:00:00,\"好\nm10,s,b,a,buyer,2026-03-08 09:00:00,好\n")]
    public void A_file_one_pass_refuses_is_refused_whichever_half_holds_the_record_and_wherever_the_cut_falls(string what, string bad)
    {
        var good = string.Concat(Enumerable.Range(1, 4).Select(i => $"m{i},s,b,a,buyer,2026-03-08 09:00:00,\"好\n的\"\n"));
        foreach (var text in new[] { Header + "\n" + bad + good, Header + "\n" + good + bad, Header + "\n" + good + bad + good })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var source = WriteFile("chats.csv", bytes);
            Assert.True(Number(source, skipLines: 0, splitNear: 0).Numbered is null, what);
            for (var near = 1; near <= bytes.Length + 1; near++)
            {
                Assert.True(Number(source, skipLines: 0, splitNear: near).Numbered is null, $"{what}, cut near {near}");
            }
        }
    }

    [Fact]
    public void Halves_that_disagree_on_where_the_second_starts_are_numbered_again_in_one_pass()
    {
        var text = Header + "\n" + string.Concat(Enumerable.Range(1, 20).Select(i => $"m{i},s,b,a,buyer,2026-03-08 09:00:00,\"好\n的\"\n"));
        var bytes = Encoding.UTF8.GetBytes(text);
        var source = WriteFile("chats.csv", bytes);
        var (onePass, oneCopy) = Number(source, skipLines: 0, splitNear: 0);

        foreach (var misplace in new[] { 1, 3, 30 })
        {
            for (var near = 1; near < bytes.Length / 2; near += 7)
            {
                var (split, copy) = Number(source, skipLines: 0, splitNear: near, misplace: misplace);

                Assert.Equal(onePass, split);
                Assert.Equal(oneCopy, copy);
            }
        }
    }

    [Fact]
    public void A_chat_file_past_the_split_size_is_prepared_in_two_halves_with_every_records_line()
    {
        var text = new StringBuilder(Header + "\n");
        var record = 0;
        while (text.Length < RecordNumbering.SplitFrom + 1000)
        {
            record++;
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"m{record},s,b,a,buyer,2026-03-08 09:00:00,")
                .Append(record % 1000 == 0 ? "\"x\ny\"" : "yy").Append('\n');
        }

        var source = WriteFile("chats.csv", Encoding.ASCII.GetBytes(text.ToString()));
        var file = Assert.IsType<ContractFile>(DataContract.Classify(_folder.Root, source));

        using var prepared = FilePreparer.Prepare(source, file, Path.Combine(_folder.Root, "tmp"));

        Assert.Equal((long)record, prepared.NumberedRecords);
        var expected = new StringBuilder(RecordNumbering.Column + "," + Header + "\n");
        var line = 1;
        foreach (var row in text.ToString().Split('\n').Skip(1).SkipLast(1))
        {
            expected.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(row.StartsWith('y') ? "" : ++line + ",")}{row}\n");
        }

        Assert.Equal(expected.ToString(), File.ReadAllText(prepared.NumberedPath!));
    }

    private (RecordNumbering.Numbered? Numbered, byte[] Copy) Number(string source, int skipLines, long splitNear, int misplace = 0) =>
        _folder.Number(source, skipLines, splitNear, misplace);

    private string WriteFile(string name, byte[] bytes) => _folder.WriteFile(name, bytes);

    /// <summary>Whether the byte at <paramref name="at"/> is a line feed inside a quoted value.</summary>
    private static bool InsideQuotedLineBreak(byte[] bytes, int at) =>
        at < bytes.Length && bytes[at] == '\n' && bytes.AsSpan(0, at).Count((byte)'"') % 2 == 1;
}
