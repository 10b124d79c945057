using CsKpi.Seed.Output;

namespace CsKpi.Seed.Tests;

/// <summary>The command line of interfaces.md ("Seed generator") and the errors a person sees when it is wrong.</summary>
public sealed class SeedOptionsTests
{
    [Fact]
    public void Accepts_every_option_of_the_interface()
    {
        var options = SeedOptions.Parse(["--out", "data/inbox", "--agents", "35", "--days", "90", "--start", "2026-01-01",
            "--stores", "3", "--seed", "42", "--format", "parquet", "--encoding", "gbk", "--bad-rows", "12", "--parallel", "3", "--chats-only"]);

        Assert.Equal("data/inbox", options.OutputDirectory);
        Assert.Equal(35, options.Agents);
        Assert.Equal(90, options.Days);
        Assert.Equal(new DateOnly(2026, 1, 1), options.Start);
        Assert.Equal(new DateOnly(2026, 4, 1), options.End);
        Assert.Equal(3, options.Stores);
        Assert.Equal(42, options.Seed);
        Assert.Equal(FileFormat.Parquet, options.Format);
        Assert.True(options.GbkOrders);
        Assert.Equal(12, options.BadRows);
        Assert.Equal(3, options.Parallelism);
        Assert.True(options.ChatsOnly);
    }

    [Theory]
    [InlineData("contract", Layouts.Layout.Contract)]
    [InlineData("taobao", Layouts.Layout.Taobao)]
    [InlineData("TMALL", Layouts.Layout.Taobao)]
    [InlineData("jd", Layouts.Layout.Jd)]
    [InlineData("pdd", Layouts.Layout.Pdd)]
    [InlineData("douyin", Layouts.Layout.Douyin)]
    public void Layout_names_each_platform(string name, Layouts.Layout layout)
    {
        var options = SeedOptions.Parse(["--out", "x", "--layout", name]);
        Assert.Equal(layout, options.Layout);
        Assert.Equal(layout == Layouts.Layout.Contract ? FileFormat.Csv : FileFormat.Xlsx, options.FormatOf("agents"));
        Assert.Equal(FileFormat.Csv, options.FormatOf("chats"));
    }

    [Fact]
    public void Only_out_is_needed_and_the_rest_defaults_as_documented()
    {
        var options = SeedOptions.Parse(["--out", "x"]);

        Assert.Equal(new SeedOptions { OutputDirectory = "x" }, options);
        Assert.Equal(35, options.Agents);
        Assert.Equal(90, options.Days);
        Assert.Equal(new DateOnly(2026, 1, 1), options.Start);
        Assert.Equal(1, options.Stores);
        Assert.Equal(42, options.Seed);
        Assert.Equal(FileFormat.Csv, options.Format);
        Assert.False(options.GbkOrders);
        Assert.Equal(Layouts.Layout.Contract, options.Layout);
        Assert.Equal(0, options.BadRows);
        Assert.False(options.ChatsOnly);
        Assert.False(options.Reports || options.Transcripts);
        Assert.Equal(0, options.ReportOnlyStores);
        Assert.True(options.WritesChatsOf(0) && !options.WritesReportsOf(0));
    }

    [Fact]
    public void Reports_transcripts_and_report_only_stores_are_options_the_last_stores_having_only_reports()
    {
        var options = SeedOptions.Parse(["--out", "x", "--stores", "3", "--report-only-stores", "2", "--reports", "--transcripts"]);

        Assert.True(options.Reports && options.Transcripts);
        Assert.Equal(2, options.ReportOnlyStores);
        Assert.Equal([true, false, false], Enumerable.Range(0, 3).Select(options.WritesChatsOf));
        Assert.All(Enumerable.Range(0, 3), s => Assert.True(options.WritesReportsOf(s)));
        var reportOnly = SeedOptions.Parse(["--out", "x", "--stores", "2", "--report-only-stores", "1"]);
        Assert.Equal([false, true], Enumerable.Range(0, 2).Select(reportOnly.WritesReportsOf));
    }

    [Theory]
    [InlineData("csv", FileFormat.Csv)]
    [InlineData("parquet", FileFormat.Parquet)]
    [InlineData("jsonl", FileFormat.Jsonl)]
    [InlineData("JSONL", FileFormat.Jsonl)]
    public void Accepts_each_format(string text, FileFormat format) =>
        Assert.Equal(format, SeedOptions.Parse(["--format", text, "--out", "x"]).Format);

    [Theory]
    [InlineData("utf8", false)]
    [InlineData("utf-8", false)]
    [InlineData("gbk", true)]
    public void Accepts_each_encoding(string text, bool gbk) =>
        Assert.Equal(gbk, SeedOptions.Parse(["--out", "x", "--encoding", text]).GbkOrders);

    [Theory]
    [InlineData(new[] { "--out", "x", "--format", "xml" }, "--format 'xml' is not one of csv, parquet, jsonl")]
    [InlineData(new[] { "--out", "x", "--start", "2026-13-01" }, "--start '2026-13-01' is not a date; expected yyyy-MM-dd, e.g. 2026-01-01")]
    [InlineData(new[] { "--out", "x", "--start", "1/3/2026" }, "--start '1/3/2026' is not a date; expected yyyy-MM-dd, e.g. 2026-01-01")]
    [InlineData(new[] { "--out", "x", "--encoding", "latin1" }, "--encoding 'latin1' is not one of utf8, gbk")]
    [InlineData(new[] { "--out", "x", "--agents", "3" }, "--agents '3' is not a whole number from 4 to 10000")]
    [InlineData(new[] { "--out", "x", "--agents", "ten" }, "--agents 'ten' is not a whole number from 4 to 10000")]
    [InlineData(new[] { "--out", "x", "--days", "0" }, "--days '0' is not a whole number from 1 to 3660")]
    [InlineData(new[] { "--out", "x", "--stores", "21" }, "--stores '21' is not a whole number from 1 to 20")]
    [InlineData(new[] { "--out", "x", "--seed", "-1" }, "--seed '-1' is not a whole number from 0 to 2147483647")]
    [InlineData(new[] { "--out", "x", "--bad-rows", "1.5" }, "--bad-rows '1.5' is not a whole number from 0 to 1000000")]
    [InlineData(new[] { "--out", "x", "--parallel", "0" }, "--parallel '0' is not a whole number from 1 to 256")]
    [InlineData(new[] { "--out", "x", "--layout", "amazon" }, "--layout 'amazon' is not one of contract, taobao, jd, pdd, douyin")]
    [InlineData(new[] { "--out", "x", "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "--out", "x", "--report-only-stores", "2" }, "--report-only-stores 2 is more than --stores 1")]
    [InlineData(new[] { "--out", "x", "--chats-only", "--reports" }, "--chats-only writes the contract's chats only; leave out --reports, --report-only-stores and --transcripts")]
    [InlineData(new[] { "--out", "x", "agents" }, "unknown option 'agents'")]
    [InlineData(new[] { "--out", "x", "--days" }, "--days needs a value")]
    [InlineData(new[] { "--out" }, "--out needs a value")]
    [InlineData(new[] { "--agents", "10" }, "--out DIR is required")]
    [InlineData(new string[0], "--out DIR is required")]
    public void Rejects_bad_input_with_a_message_naming_the_option_and_what_it_expects(string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => SeedOptions.Parse(args));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_usage_text_lists_every_option()
    {
        foreach (var option in new[] { "--out", "--agents", "--days", "--start", "--stores", "--seed", "--format", "--encoding", "--bad-rows", "--parallel", "--layout", "--chats-only", "--reports", "--report-only-stores", "--transcripts" })
        {
            Assert.Contains(option, SeedOptions.Usage, StringComparison.Ordinal);
        }
    }
}
