using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace CsKpi.Etl.Tests;

/// <summary>
/// A chat file's time column that holds only plain times (<see cref="RecordNumbering.IsPlainTime"/>) is typed by
/// DuckDB's own timestamp cast instead of the contract's format: the two must read every such value as the same time.
/// </summary>
public sealed class PlainTimeTests : IDisposable
{
    private const string Header = "message_id,store_id,buyer_id,agent_id,sender,sent_at,content";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"cskpi-times-{Guid.NewGuid():N}");

    public PlainTimeTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Every_value_called_a_plain_time_is_the_same_time_to_the_cast_and_to_the_format_or_refused_by_both()
    {
        // Every month's days 00–32 in a leap year, a common year, year 0 and 9999, at the hours, minutes and seconds
        // at and past their ends; the values IsPlainTime takes must agree, and it must refuse where they do not.
        var values = new List<string>();
        foreach (var year in new[] { "0000", "1900", "2000", "2024", "2026", "9999" })
        {
            for (var month = 0; month <= 13; month++)
            {
                for (var day = 0; day <= 32; day++)
                {
                    foreach (var time in new[] { "00:00:00", "09:36:57", "23:59:59", "24:00:00", "23:60:00", "23:59:60", "99:99:99" })
                    {
                        values.Add(FormattableString.Invariant($"{year}-{month:00}-{day:00} {time}"));
                    }
                }
            }
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "create table v (v varchar)";
            create.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("v"))
        {
            foreach (var value in values.Where(v => RecordNumbering.IsPlainTime(Encoding.ASCII.GetBytes(v))))
            {
                appender.CreateRow().AppendValue(value).EndRow();
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            select count(*), count(*) filter (where try_cast(v as timestamp) is not distinct from try_strptime(v, '%Y-%m-%d %H:%M:%S')),
                   count(try_cast(v as timestamp))
            from v
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var (plain, same, read) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        Assert.Equal(plain, same);
        Assert.True(read > 1000 && plain < values.Count);
        Assert.False(RecordNumbering.IsPlainTime("2026-03-01 24:00:00"u8));
        Assert.False(RecordNumbering.IsPlainTime("2026-03-01T09:36:57"u8));
        Assert.False(RecordNumbering.IsPlainTime(" 2026-03-01 09:36:57"u8));
        Assert.True(RecordNumbering.IsPlainTime(""u8));
    }

    [Theory]
    [InlineData("plain", "2026-03-08 09:00:00", false)]
    [InlineData("empty", "", false)]
    [InlineData("midnight as 24:00", "2026-03-07 24:00:00", true)]
    [InlineData("ISO's T", "2026-03-08T09:00:00", true)]
    [InlineData("fractions", "2026-03-08 09:00:00.5", true)]
    [InlineData("quoted", "\"2026-03-08 09:00:00\"", true)]
    [InlineData("a space after", "2026-03-08 09:00:00 ", true)]
    public void The_numbering_marks_a_time_column_with_any_value_not_a_plain_time(string what, string odd, bool marked)
    {
        // About 1.1 MB of records, the odd time in the middle; shifted so the block's end cuts a time everywhere.
        for (var shift = 0; shift < 21; shift += 4)
        {
            var text = new StringBuilder(Header + "\n").Append(new string('1', shift + 1)).Append(",s,b,a,buyer,2026-03-08 09:00:00,x\n");
            for (var i = 0; text.Length < FilePreparer.BufferSize + 60_000; i++)
            {
                var time = i == 9000 ? odd : FormattableString.Invariant($"2026-03-{1 + (i % 28):00} {i % 24:00}:{i % 60:00}:{(i * 7) % 60:00}");
                text.Append(CultureInfo.InvariantCulture, $"m{i},s,b,a,buyer,{time},衬衫有优惠券吗\n");
            }

            var source = Path.Combine(_root, $"chats_{shift}.csv");
            File.WriteAllBytes(source, Encoding.UTF8.GetBytes(text.ToString()));
            var target = Path.Combine(_root, $"numbered_{shift}.csv");
            RecordNumbering.Numbered? numbered;
            using (var handle = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            {
                numbered = RecordNumbering.Write(source, handle, ',', 0, splitNear: 0);
            }

            Assert.True(numbered is not null, what);
            // Every other column (message_id, store, buyer, agent, sender, content) holds values that are not times.
            Assert.Equal(0b1011111UL | (marked ? 1UL << 5 : 0), numbered.Value.OtherTimes);
        }
    }
}
