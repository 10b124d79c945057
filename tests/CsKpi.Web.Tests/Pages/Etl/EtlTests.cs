using System.Net;
using System.Text;
using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Pages.Etl;

[Collection(SiteCollection.Name)]
public sealed class EtlTests(SiteFixture site)
{
    [Fact]
    public async Task The_page_lists_every_loaded_file_with_its_counts()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync("/etl");

        Assert.Contains("chats_2026-03.csv", html, StringComparison.Ordinal);
        Assert.Contains("orders_2026-03.csv", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_is_checked_then_run_now_loads_it_and_its_rejects_are_shown()
    {
        using var client = await site.Client("admin");
        var inbox = Path.Combine(site.Folder, "inbox");

        var refused = await Upload(client, "notes.txt", "hello");
        var renamed = await Upload(client, "orders_workbook.csv", "PK\u0003\u0004 not really a csv");
        var accepted = await Upload(client, "ratings_upload_test.csv",
            "store_id,buyer_id,agent_id,rated_at,score,comment\n" + $"{site.Store},b-upload,{site.OwnAgent},2026-03-03 10:00:00,9,too high\n");

        Assert.Contains("upload-error", refused, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(inbox, "notes.txt")));
        Assert.Contains("upload-error", renamed, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(inbox, "orders_workbook.csv")));
        Assert.DoesNotContain("upload-error", accepted, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(inbox, "ratings_upload_test.csv")));

        using var run = await SiteFixture.PostForm(client, "/etl", "/etl?handler=Run", []);
        var html = await run.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains("ratings_upload_test.csv: 已导入", html, StringComparison.Ordinal);
        // The score 9 breaks the contract (1 to 5): the row is listed with its file and reason.
        var rejects = html[html.IndexOf("id=\"reject-table\"", StringComparison.Ordinal)..];
        Assert.Contains("<td>ratings_upload_test.csv</td>", rejects, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_with_a_store_goes_to_the_stores_folder_and_the_files_table_names_its_layout()
    {
        using var client = await site.Client("admin");
        var inbox = Path.Combine(site.Folder, "inbox");
        // A JD export (no store column) whose one row is broken, so the shared site's numbers do not move.
        const string Jd = "订单号,商品ID,商品名称,订购数量,下单时间,应付金额,订单状态,下单帐号\n290000009999,100011,保温杯,1,not a time,300.00,完成,jd_buyer\n";

        using var upload = await SiteFixture.PostFile(client, "/etl", "/etl?handler=Upload", "订单导出_upload_test.csv", Jd,
            new() { ["store"] = site.Store });
        var refused = await (await SiteFixture.PostFile(client, "/etl", "/etl?handler=Upload", "x.csv", Jd, new() { ["store"] = "../up" })).Content.ReadAsStringAsync();

        Assert.True(File.Exists(Path.Combine(inbox, site.Store, "订单导出_upload_test.csv")));
        Assert.Contains("upload-error", refused, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(inbox, "x.csv")));

        using var run = await SiteFixture.PostForm(client, "/etl", "/etl?handler=Run", []);
        var html = WebUtility.HtmlDecode(await run.Content.ReadAsStringAsync());

        Assert.Contains($"{site.Store}/订单导出_upload_test.csv: 已导入 · jd-orders · 0/1", html, StringComparison.Ordinal);
        var files = html[html.IndexOf("id=\"files\"", StringComparison.Ordinal)..];
        Assert.Contains("<td>jd-orders</td>", files, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_names_a_store_and_sets_its_platform()
    {
        using var client = await site.Client("admin");

        using var saved = await SiteFixture.PostForm(client, "/etl", "/etl?handler=Store",
            new() { ["storeId"] = site.Store, ["displayName"] = "朵朵云天猫店", ["platform"] = "tmall" });
        var html = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stores = html[html.IndexOf("id=\"store-table\"", StringComparison.Ordinal)..];
        Assert.Contains("value=\"朵朵云天猫店\"", stores, StringComparison.Ordinal);
        Assert.Contains("<option value=\"tmall\" selected=\"selected\">", stores, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workbook_is_accepted_by_the_upload_and_text_named_xlsx_is_not()
    {
        using var client = await site.Client("admin");
        var inbox = Path.Combine(site.Folder, "inbox");

        // Only the first bytes are checked on upload: an .xlsx is a zip archive. The ETL reads the sheet itself.
        var workbook = await Upload(client, "agents_upload_check.xlsx", "PK\u0003\u0004[Content_Types].xml");
        var text = await Upload(client, "agents_upload_text.xlsx", "agent_id,name\n");

        Assert.DoesNotContain("upload-error", workbook, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(inbox, "agents_upload_check.xlsx")));
        File.Delete(Path.Combine(inbox, "agents_upload_check.xlsx"));
        Assert.Contains("upload-error", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(inbox, "agents_upload_text.xlsx")));
    }

    [Fact]
    public async Task The_rejects_download_as_csv()
    {
        using var client = await site.Client("admin");

        var csv = await client.GetByteArrayAsync("/etl?handler=Export&format=csv");

        // With the byte-order mark, so Excel reads the Chinese reasons right.
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        Assert.StartsWith("file,line,column,value,reason", Encoding.UTF8.GetString(csv[3..]), StringComparison.Ordinal);
    }

    private static async Task<string> Upload(HttpClient client, string name, string content)
    {
        using var response = await SiteFixture.PostFile(client, "/etl", "/etl?handler=Upload", name, content);
        return await response.Content.ReadAsStringAsync();
    }
}
