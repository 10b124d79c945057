using System.Text;
using CsKpi.Etl.Tests.Support;
using MiniExcelLibs;
using Reject = CsKpi.Etl.Tests.Support.EtlTestBed.Reject;

namespace CsKpi.Etl.Tests;

/// <summary>
/// The files of issue 14 as offices keep them: Excel workbooks (built here with MiniExcel's writer, so their cells
/// are real number, date and text cells), Excel's "Unicode text" (UTF-16 tab-separated), a title row above the
/// header, and a roster without as_of. Lines of a workbook are the sheet rows Excel shows.
/// </summary>
public sealed class OfficeFileFormsTests
{
    private const string ChatHeader = "message_id,store_id,buyer_id,agent_id,sender,sent_at,content";

    private static readonly Encoding Gbk = EtlTestBed.Gbk;

    [Fact]
    public void A_roster_without_as_of_loads_as_of_the_load_day_and_the_files_after_it_load()
    {
        using var bed = new EtlTestBed();
        bed.Write("agents_hr.csv", """
            子账号,姓名,店铺,小组,岗位,入职日期
            朵朵云:小A,小A,朵朵云,一组,售前,2025-06-01
            朵朵云:小B,小B,朵朵云,一组,售后,2025/7/15
            """);
        bed.Write("chats_after.csv", $"""
            {ChatHeader}
            m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            """);

        var reports = bed.Ingest();

        Assert.All(reports, r => Assert.True(r.Outcome == FileOutcome.Loaded, $"{r.File}: {r.Outcome} {r.Reason}"));
        var today = bed.Scalar<string>("select cast(cast(timezone('Asia/Shanghai', now()) as date) as varchar)");
        Assert.Equal([("朵朵云:小A", today), ("朵朵云:小B", today)],
            bed.Query<(string, string)>("select agent_id, cast(as_of as varchar) from raw.roster_snapshot order by agent_id"));
        Assert.Equal(1, bed.Scalar<long>("select count(*) from raw.chat_message"));
    }

    [Fact]
    public void An_xlsx_roster_with_a_title_row_real_date_cells_a_blank_row_and_a_totals_row_loads_with_sheet_rows_as_lines()
    {
        using var bed = new EtlTestBed();
        WriteWorkbook(bed, "agents_2026-03.xlsx", ("Sheet1",
        [
            ["2026年3月 客服花名册", null, null, null, null, null],
            ["子账号", "姓名", "店铺", "小组", "岗位", "入职日期"],
            ["朵朵云:小A", "小A", "朵朵云", "一组", "售前", new DateTime(2025, 6, 1)],
            [null, null, null, null, null, null],
            ["朵朵云:小B", null, "朵朵云", "一组", "售后", new DateTime(2025, 7, 15)],
            ["朵朵云:小C", "小C", "朵朵云", "二组", "售前售后", new DateTime(2025, 8, 1)],
            ["合计", "3人", null, null, null, null],
        ]));

        var report = bed.IngestOne("agents_2026-03.xlsx");

        Assert.True(report.Outcome == FileOutcome.Loaded, report.Reason);
        Assert.Equal((4L, 2L, 0L, 2L), (report.Read, report.Loaded, report.Duplicates, report.Rejected));
        Assert.Equal([("朵朵云:小A", "一组", "presale", "2025-06-01"), ("朵朵云:小C", "二组", "both", "2025-08-01")],
            bed.Query<(string, string, string, string)>("select agent_id, team, role, cast(hired_on as varchar) from raw.roster_snapshot order by agent_id"));
        Assert.Equal(
            [
                new Reject(5, "name", "", "name is empty; every agent needs a name (姓名)"),
                new Reject(7, null, "合计", "a summary row (合计), not a record: CsKpi adds up the rows itself, so totals, subtotals and averages under the data are left out"),
            ],
            bed.Rejects("agents_2026-03.xlsx"));
        Assert.Equal(("xlsx", "xlsx, sheet Sheet1"), bed.Query<(string, string)>("select format, encoding from etl.file_ledger").Single());
    }

    [Fact]
    public void An_xlsx_order_export_keeps_ids_whole_and_reads_date_time_and_number_cells()
    {
        using var bed = new EtlTestBed();
        // The notes sheet comes first; the sheet named 订单 is the one read. Taobao writes order numbers as text; an id
        // kept as a number must still not come back as 1.23456789012E+11.
        WriteWorkbook(bed, "orders_ExportOrderList202603091200.xlsx", ("说明", [["本表由淘宝卖家中心导出"]]), ("订单",
        [
            ["订单编号", "店铺", "买家会员名", "订单创建时间", "订单付款时间", "买家实际支付金额", "宝贝总数量"],
            ["35153131473293579", "朵朵云", "tb_小明", new DateTime(2026, 3, 9, 12, 0, 0), new DateTime(2026, 3, 9, 12, 0, 41), 0.1 + 0.2, 2L],
            [123456789012L, "朵朵云", "tb_阿花", new DateTime(2026, 3, 9, 9, 30, 0), null, 1234.5, 1L],
        ]));

        var report = bed.IngestOne("orders_ExportOrderList202603091200.xlsx");

        Assert.True(report.Outcome == FileOutcome.Loaded, report.Reason);
        Assert.Equal((2L, 2L, 0L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal(
            [
                ("123456789012", "2026-03-09 09:30:00", null, 1234.50m, 1),
                ("35153131473293579", "2026-03-09 12:00:00", "2026-03-09 12:00:41", 0.30m, 2),
            ],
            bed.Query<(string, string, string?, decimal, int)>("""
                select order_id, cast(created_at as varchar), cast(paid_at as varchar), amount, items
                from raw.order_state order by order_id
                """));
        Assert.Equal("xlsx, sheet 订单", bed.Scalar<string>("select encoding from etl.file_ledger"));
    }

    [Fact]
    public void A_workbook_as_excel_writes_it_with_shared_strings_styles_a_merged_title_and_a_missing_row_loads()
    {
        using var bed = new EtlTestBed();
        // What Excel and WPS write, part by part: text in the shared strings table, dates as day numbers styled with
        // the built-in date format 14 or a custom one, an account typed as a number, a merged title, no element for
        // the blank row 5.
        string[] strings = ["2026年3月 客服花名册", "子账号", "姓名", "店铺", "岗位", "入职日期", "日期", "朵朵云:小A", "小A", "朵朵云", "售前", "合计"];
        var sheet = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F6"/><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c></row>
            <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c><c r="E2" t="s"><v>5</v></c><c r="F2" t="s"><v>6</v></c></row>
            <row r="3"><c r="A3" t="s"><v>7</v></c><c r="B3" t="s"><v>8</v></c><c r="C3" t="s"><v>9</v></c><c r="D3" t="s"><v>10</v></c><c r="E3" s="1"><v>45809</v></c><c r="F3" s="2"><v>46082</v></c></row>
            <row r="4"><c r="A4"><v>10086</v></c><c r="B4" t="inlineStr"><is><t>小B</t></is></c><c r="C4" t="s"><v>9</v></c><c r="D4" t="s"><v>10</v></c><c r="E4" s="1"><v>45853</v></c><c r="F4" s="2"><v>46082</v></c></row>
            <row r="6"><c r="A6" t="s"><v>11</v></c><c r="B6"><v>2</v></c></row>
            </sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells></worksheet>
            """;
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""",
            ["_rels/.rels"] = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
            ["xl/workbook.xml"] = """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>""",
            ["xl/_rels/workbook.xml.rels"] = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""",
            ["xl/styles.xml"] = """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d h:mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""",
            ["xl/sharedStrings.xml"] = $"""<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings.Length}" uniqueCount="{strings.Length}">{string.Concat(strings.Select(t => $"<si><t>{t}</t></si>"))}</sst>""",
            ["xl/worksheets/sheet1.xml"] = sheet,
        };
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(bed.Inbox, "agents_excel.xlsx"), System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var (name, xml) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml);
            }
        }

        var report = bed.IngestOne("agents_excel.xlsx");

        Assert.True(report.Outcome == FileOutcome.Loaded, report.Reason);
        Assert.Equal((3L, 2L, 1L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal([("10086", "小B", "2025-07-15", "2026-03-01"), ("朵朵云:小A", "小A", "2025-06-01", "2026-03-01")],
            bed.Query<(string, string, string, string)>("select agent_id, name, cast(hired_on as varchar), cast(as_of as varchar) from raw.roster_snapshot order by agent_id"));
        Assert.Equal([(6L, "合计")], bed.Rejects("agents_excel.xlsx").Select(r => (r.Line, r.Value!)));
    }

    [Fact]
    public void A_workbook_reads_its_first_sheet_when_none_is_named_after_the_kind()
    {
        using var bed = new EtlTestBed();
        WriteWorkbook(bed, "courses/catalogue.xlsx",
            ("2026上半年", [["课程编号", "课程名称", "类别", "及格分"], ["C01", "新品知识", "产品", 80L]]),
            ("旧目录", [["课程编号", "课程名称", "类别"], ["C99", "旧课", "产品"]]));

        var report = bed.IngestOne("courses/catalogue.xlsx");

        Assert.Equal((1L, 1L), (report.Read, report.Loaded));
        Assert.Equal([("C01", 80)], bed.Query<(string, int)>("select course_id, pass_score from raw.course"));
    }

    [Fact]
    public void A_file_named_xlsx_that_is_text_or_an_old_workbook_is_refused_with_what_it_is()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_text.xlsx", "order_id,store_id\nT1,朵朵云\n");
        File.WriteAllBytes(Path.Combine(bed.Inbox, "orders_old.xlsx"), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);

        var reports = bed.Ingest();

        Assert.Equal("this .xlsx file is really text; if it is CSV, rename it to .csv", Assert.Single(reports, r => r.File == "orders_text.xlsx").Reason);
        Assert.StartsWith("this .xlsx file is really an Excel 97-2003 workbook or a workbook protected by a password",
            Assert.Single(reports, r => r.File == "orders_old.xlsx").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Excels_unicode_text_utf16_tab_separated_loads_with_a_tab_inside_a_quoted_value()
    {
        using var bed = new EtlTestBed();
        var text = "消息ID\t店铺\t买家\t客服账号\t发送方\t时间\t内容\r\n"
            + "m1\t朵朵云旗舰店\t小明\t朵朵云旗舰店:小美\t买家\t2026/3/8 9:00\t亲，在吗\r\n"
            + "m2\t朵朵云旗舰店\t小明\t朵朵云旗舰店:小美\t客服\t2026/3/8 9:01\t\"在的\t亲，您说\"\r\n";
        File.WriteAllBytes(Path.Combine(bed.Inbox, "chats_unicode.csv"), [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]);

        var report = bed.IngestOne("chats_unicode.csv");

        Assert.True(report.Outcome == FileOutcome.Loaded, report.Reason);
        Assert.Equal((2L, 2L, 0L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal([("m1", "buyer", "2026-03-08 09:00:00", "亲，在吗"), ("m2", "agent", "2026-03-08 09:01:00", "在的\t亲，您说")],
            bed.Query<(string, string, string, string)>("select message_id, sender, cast(sent_at as varchar), content from raw.chat_message order by message_id"));
        Assert.Equal(SourceEncoding.Utf16, bed.Scalar<string>("select encoding from etl.file_ledger"));
    }

    [Fact]
    public void A_gbk_csv_with_a_title_row_above_the_header_loads_and_its_rejects_name_the_files_own_lines()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_report.csv", """
            订单报表 导出时间：2026-03-09 12:00
            订单编号,店铺,买家会员名,订单创建时间,买家实际支付金额
            T1001,朵朵云,小明,2026-03-08 10:00:00,99.00
            T1002,朵朵云,阿花,2026-03-08 11:00:00,88.00,多出来的
            T1003,朵朵云,,2026-03-08 12:00:00,10.00
            T1004,朵朵云,小红,2026-03-08 13:00:00,10.00
            """, Gbk);

        var report = bed.IngestOne("orders_report.csv");

        Assert.True(report.Outcome == FileOutcome.Loaded, report.Reason);
        Assert.Equal((4L, 2L, 2L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal([("T1001", 3L), ("T1004", 6L)], bed.Query<(string, long)>("select order_id, line from raw.order_state order by order_id"));
        Assert.Equal([4L, 5L], bed.Rejects("orders_report.csv").Select(r => r.Line));
        Assert.Equal("buyer_id", bed.Rejects("orders_report.csv")[1].Column);
    }

    private static void WriteWorkbook(EtlTestBed bed, string name, params (string Sheet, object?[][] Rows)[] sheets)
    {
        var path = Path.Combine(bed.Inbox, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var workbook = new Dictionary<string, object>();
        foreach (var (sheet, rows) in sheets)
        {
            var width = rows.Max(r => r.Length);
            workbook[sheet] = rows.Select(row => Enumerable.Range(0, width)
                .ToDictionary(i => ((char)('A' + i)).ToString(), i => i < row.Length ? row[i] : null)).ToList();
        }

        MiniExcel.SaveAs(path, workbook, printHeader: false);
    }
}
