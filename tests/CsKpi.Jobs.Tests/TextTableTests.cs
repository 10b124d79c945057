using CsKpi.Cli;

namespace CsKpi.Jobs.Tests;

/// <summary>TextTable's terminal cells, from Wcwidth's Unicode tables rather than a list of ranges of its own.</summary>
public sealed class TextTableTests
{
    [Theory]
    [InlineData("agent", 5)]
    [InlineData("小A", 3)]
    [InlineData("店铺名称", 8)]
    [InlineData("ＡＢ", 4)] // full-width Latin
    [InlineData("e\u0301", 1)] // e + a combining acute accent: one cell, not two
    [InlineData("🚀", 2)] // an emoji beyond the old table's 1F300–1F64F
    [InlineData("→ —…", 4)] // arrows, dashes and ellipses are narrow
    public void Cells_count_wide_characters_twice_and_combining_marks_not_at_all(string text, int cells)
    {
        Assert.Equal(cells, TextTable.Cells(text));
    }

    [Fact]
    public void Columns_line_up_in_cells_and_the_last_is_not_padded()
    {
        var table = new TextTable(("name", false), ("n", true), ("reason", false));
        table.Add("小A", "1", "ok");
        table.Add("Bob", "22", "");
        using var output = new StringWriter();

        table.Write(output);

        Assert.Equal(string.Join(Environment.NewLine, "name   n  reason", "小A    1  ok", "Bob   22", ""), output.ToString());
    }

    [Fact]
    public void Clip_cuts_at_a_cell_count_and_escapes_line_breaks()
    {
        Assert.Equal("店铺…", TextTable.Clip("店铺名称", 6));
        Assert.Equal("a\\nb", TextTable.Clip("a\nb", 10));
    }
}
