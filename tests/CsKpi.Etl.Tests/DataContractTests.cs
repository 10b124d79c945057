namespace CsKpi.Etl.Tests;

public sealed class DataContractTests
{
    [Theory]
    [InlineData("orders_2026-01.csv.gz", FileKind.Orders, FileFormat.Csv, true)]
    [InlineData("chats/2026-01.parquet", FileKind.Chats, FileFormat.Parquet, false)]
    [InlineData("agents.csv", FileKind.Agents, FileFormat.Csv, false)]
    [InlineData("agents_2026-03-01.csv", FileKind.Agents, FileFormat.Csv, false)]
    [InlineData("chats-shop1.jsonl", FileKind.Chats, FileFormat.JsonLines, false)]
    [InlineData("chats/2026/01/part-7.jsonl.gz", FileKind.Chats, FileFormat.JsonLines, true)]
    [InlineData("courses.parquet", FileKind.Courses, FileFormat.Parquet, false)]
    [InlineData("training/2026H1.csv", FileKind.Training, FileFormat.Csv, false)]
    [InlineData("ratings_2026-02.csv", FileKind.Ratings, FileFormat.Csv, false)]
    [InlineData("ratings/ratings_2026-02.csv", FileKind.Ratings, FileFormat.Csv, false)]
    [InlineData("Orders_2026-01.CSV.GZ", FileKind.Orders, FileFormat.Csv, true)]
    [InlineData("ORDERS/export.csv", FileKind.Orders, FileFormat.Csv, false)]
    [InlineData("orders\\2026-01.csv", FileKind.Orders, FileFormat.Csv, false)]
    [InlineData("./orders/2026-01.csv", FileKind.Orders, FileFormat.Csv, false)]
    [InlineData("archive/orders_2025-12.csv", FileKind.Orders, FileFormat.Csv, false)]
    [InlineData("orders_ExportOrderList202603091200.xlsx", FileKind.Orders, FileFormat.Xlsx, false)]
    [InlineData("agents/花名册.XLSX", FileKind.Agents, FileFormat.Xlsx, false)]
    public void A_contract_file_gets_its_kind_and_format(string path, FileKind kind, FileFormat format, bool gzipped)
    {
        var file = Assert.IsType<ContractFile>(DataContract.Classify(path));

        Assert.Equal((kind, format, gzipped), (file.Kind, file.Format, file.Gzipped));
    }

    [Theory]
    [InlineData("notes.txt", "'.txt' files are not part of the contract")]
    [InlineData("orders_2026-01.txt", "'.txt' files are not part of the contract")]
    [InlineData("readme", "has no extension")]
    [InlineData("chats/orders_2026-01.csv", "sits in the chats/ folder but its name starts with 'orders'")]
    [InlineData("orders_2026-01.json", "end in .jsonl")]
    [InlineData("orders_2026-01.xls", "save it as .xlsx")]
    [InlineData("agents_2026-03.xlsx.gz", "cannot be read gzipped")]
    [InlineData("chats/2026-01.parquet.gz", "cannot be read gzipped")]
    [InlineData("orders_2026-01.csv.part", "still being written")]
    [InlineData(".orders_2026-01.csv.swp", "hidden or temporary")]
    [InlineData("~$orders.csv", "hidden or temporary")]
    [InlineData("../orders.csv", "does not lie inside the inbox")]
    public void Anything_else_is_not_a_contract_file_and_says_why(string path, string reason)
    {
        var file = Assert.IsType<NotAContractFile>(DataContract.Classify(path));

        Assert.Contains(reason, file.Reason.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_inside_the_inbox_is_classified_relative_to_it()
    {
        var inbox = Path.Combine(Path.GetTempPath(), "inbox");

        var file = Assert.IsType<ContractFile>(DataContract.Classify(inbox, Path.Combine(inbox, "chats", "2026-01.parquet")));

        Assert.Equal("chats/2026-01.parquet", file.RelativePath);
        Assert.Equal(FileKind.Chats, file.Kind);
    }

    [Fact]
    public void A_path_outside_the_inbox_is_refused()
    {
        var inbox = Path.Combine(Path.GetTempPath(), "inbox");

        var file = DataContract.Classify(inbox, Path.Combine(Path.GetTempPath(), "orders.csv"));

        Assert.IsType<NotAContractFile>(file);
    }

    [Fact]
    public void Kinds_are_named_as_the_contract_spells_them()
    {
        Assert.Equal(
            ["agents", "chats", "orders", "courses", "training", "ratings", "agent_report"],
            Enum.GetValues<FileKind>().Select(kind => kind.ContractName()));
    }

    [Theory]
    [InlineData("ExportOrderList202603091200.csv", null)]
    [InlineData("inventory.csv", null)]
    [InlineData("京东旗舰店/订单导出.csv", "京东旗舰店")]
    [InlineData("stock/2026-01.csv", "stock")]
    public void A_file_whose_name_and_folder_give_no_kind_is_left_for_its_header_to_tell(string path, string? store)
    {
        // The header's layout decides (LayoutTests); a file no layout matches is rejected naming the closest one.
        var file = Assert.IsType<ContractFile>(DataContract.Classify(path));

        Assert.Equal((null, store), (file.Kind, file.StoreFolder));
    }

    [Theory]
    [InlineData("京东旗舰店/orders/2026-03.csv", FileKind.Orders, "京东旗舰店")]
    [InlineData("京东旗舰店/orders_2026-03.csv", FileKind.Orders, "京东旗舰店")]
    [InlineData("orders/京东旗舰店/2026-03.csv", FileKind.Orders, null)]
    public void A_first_folder_that_is_not_a_kind_names_the_store(string path, FileKind kind, string? store)
    {
        var file = Assert.IsType<ContractFile>(DataContract.Classify(path));

        Assert.Equal((kind, store), (file.Kind!.Value, file.StoreFolder));
    }
}
