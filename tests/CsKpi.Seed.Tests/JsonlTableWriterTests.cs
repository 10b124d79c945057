using System.Text.Json;
using CsKpi.Seed.Contract;
using CsKpi.Seed.Output;

namespace CsKpi.Seed.Tests;

/// <summary>The JSON Lines writer: one object a line, text escaped by Utf8JsonWriter, numbers and money as numbers.</summary>
public sealed class JsonlTableWriterTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"cskpi-jsonl-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void Text_that_needs_escaping_reads_back_as_written_and_chinese_stays_readable()
    {
        var table = ContractTables.Courses;
        var batch = new RowBatch(table, 4);
        var tricky = "say \"hi\"\\ then\nnew line\ttab\u0001\b\f 课程";
        var row = batch.AddRow();
        batch.SetText(row, table.IndexOf("course_id"), "C1");
        batch.SetText(row, table.IndexOf("title"), tricky);
        batch.SetNumber(row, table.IndexOf("pass_score"), 60);
        batch.SetNumber(row, table.IndexOf("hours"), 150);
        var second = batch.AddRow();
        batch.SetText(second, table.IndexOf("course_id"), "C2");

        using (var writer = TableWriter.Create(path, table, FileFormat.Jsonl, CsvDialect.Plain))
        {
            writer.Write(batch);
        }

        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        Assert.Equal(3, lines.Length); // two lines, each ended by \n, nothing after
        Assert.Empty(lines[2]);
        Assert.Contains("课程", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"hours\":1.50", lines[0], StringComparison.Ordinal);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(tricky, first.RootElement.GetProperty("title").GetString());
        Assert.Equal(60, first.RootElement.GetProperty("pass_score").GetInt32());
        Assert.Equal(1.5m, first.RootElement.GetProperty("hours").GetDecimal());
        using var next = JsonDocument.Parse(lines[1]);
        Assert.Equal(JsonValueKind.Null, next.RootElement.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, next.RootElement.GetProperty("pass_score").ValueKind);
    }
}
