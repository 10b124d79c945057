using System.Globalization;
using System.Text;
using CsKpi.Etl.Tests.Support;

namespace CsKpi.Etl.Tests;

/// <summary>
/// A chat file's numbering checks its UTF-8 as it reads (<see cref="RecordNumbering"/>, checkUtf8), so that FilePreparer
/// need not read the file a second time: a copy is made exactly when every byte is UTF-8, wherever a block's end or a
/// half's cut falls.
/// </summary>
public sealed class RecordNumberingUtf8Tests : IDisposable
{
    private readonly NumberingFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("é")]
    [InlineData("订")]
    [InlineData("𠀀")]
    public void A_character_cut_by_a_blocks_end_is_judged_whole_and_a_damaged_one_is_refused(string character)
    {
        var whole = Encoding.UTF8.GetBytes(character);
        byte[][] damaged = [whole[..^1], [.. whole[..^1], (byte)'a'], [whole[0], .. whole]];
        for (var before = 1; before < whole.Length; before++)
        {
            var at = FilePreparer.BufferSize - before;
            // Where the block ends, and (in halves) where the first half stops reading.
            foreach (var near in new long[] { 0, at + 1, FilePreparer.BufferSize / 2 })
            {
                var good = File(at, whole);
                var (checkedUtf8, copy) = _folder.Number(good, 0, near, checkUtf8: true);
                var (unchecked_, uncheckedCopy) = _folder.Number(good, 0, near);

                Assert.NotNull(checkedUtf8);
                Assert.Equal(unchecked_, checkedUtf8);
                Assert.Equal(uncheckedCopy, copy);
                foreach (var bad in damaged)
                {
                    Assert.True(_folder.Number(File(at, bad), 0, near, checkUtf8: true).Numbered is null, $"{Convert.ToHexString(bad)} at {at}, near {near}");
                }
            }
        }
    }

    [Fact]
    public void A_file_that_ends_inside_a_character_gets_no_copy_when_checked()
    {
        var text = Encoding.UTF8.GetBytes(NumberingFolder.Header + "\nm1,s,b,a,buyer,2026-03-08 09:00:00,好");
        var source = _folder.WriteFile("chats.csv", text[..^1]);

        Assert.NotNull(_folder.Number(source, 0, 0).Numbered);
        Assert.Null(_folder.Number(source, 0, 0, checkUtf8: true).Numbered);
    }

    [Fact]
    public void A_byte_that_is_not_utf8_in_either_half_gets_no_copy()
    {
        var text = new StringBuilder(NumberingFolder.Header + "\n");
        for (var i = 0; text.Length < 3 * FilePreparer.BufferSize / 2; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"m{i},朵朵云旗舰店,快乐星球,朵朵云:小航,buyer,2026-03-08 09:00:00,衬衫有优惠券吗\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        foreach (var at in new[] { 100, bytes.Length / 3, bytes.Length / 2 + 7, bytes.Length - 2 })
        {
            var source = _folder.WriteFile("chats.csv", [.. bytes[..at], 0xFF, .. bytes[at..]]);
            foreach (var near in new long[] { 0, bytes.Length / 2 })
            {
                Assert.Null(_folder.Number(source, 0, near, checkUtf8: true).Numbered);
            }
        }
    }

    /// <summary>A chat file of a little over a block whose bytes from <paramref name="at"/> are <paramref name="character"/>, inside a content value.</summary>
    private string File(int at, byte[] character)
    {
        var text = new StringBuilder(NumberingFolder.Header + "\n");
        for (var i = 0; text.Length < FilePreparer.BufferSize + 4096; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"m{i},s,b,a,buyer,2026-03-08 09:00:00,").Append('x', 200).Append('\n');
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        // The first record longer by as much as puts the block's end among the x's.
        var longer = 0;
        while (bytes.AsSpan(at - 8 - longer, character.Length + 16).ContainsAnyExcept((byte)'x'))
        {
            longer++;
        }

        bytes = [.. bytes[..(NumberingFolder.Header.Length + 2)], .. Enumerable.Repeat((byte)'x', longer), .. bytes[(NumberingFolder.Header.Length + 2)..]];
        character.CopyTo(bytes, at);
        return _folder.WriteFile("chats.csv", bytes);
    }
}
