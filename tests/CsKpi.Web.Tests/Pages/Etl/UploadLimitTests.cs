using System.Net;
using System.Text;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Etl;

/// <summary>
/// Uploads that broke the page (issue 13, item 8): a file name too long for the folder, a request over the body
/// limit. Each gets a message on the page, and the rest of the batch is still saved.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class UploadLimitTests(SiteFixture site)
{
    private const string RatingsHeader = "store_id,buyer_id,agent_id,rated_at,score\n";

    [Fact]
    public async Task A_file_name_over_255_bytes_gets_a_message_and_the_rest_of_the_batch_is_saved()
    {
        using var admin = await site.Client("admin");
        var inbox = Path.Combine(site.Folder, "inbox");
        var longName = "ratings_" + new string('评', 90) + ".csv"; // 8 + 270 + 4 bytes of UTF-8
        const string shortName = "ratings_after_the_long_name.csv";

        using var response = await PostFiles(admin, "/etl", [(longName, RatingsHeader), (shortName, RatingsHeader)]);
        var html = await response.Content.ReadAsStringAsync();

        try
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("文件名有 282 字节，最多 249 字节", html, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(inbox, shortName)));
            Assert.Contains($"{shortName} 已放入收件箱", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(Path.Combine(inbox, shortName));
        }
    }

    [Fact]
    public async Task A_request_over_the_body_limit_gets_a_message_on_the_training_page_not_a_bare_400()
    {
        using var hr = await site.Client("hr");
        var token = await SiteFixture.Token(hr, "/training");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            // 257 MB of zeros, made as they are sent: one more megabyte than a request may hold.
            { new StreamContent(new Zeros(257L * 1024 * 1024)), "files", "training_huge.csv" },
        };

        using var response = await hr.PostAsync("/training?handler=Upload", form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var html = await hr.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("上传被拒绝：一次提交最多 268,435,456 字节，没有保存任何文件", html, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(site.Folder, "inbox", "training_huge.csv")));
    }

    [Fact]
    public async Task Hrs_training_upload_loads_and_lists_only_course_and_training_files()
    {
        using var hr = await site.Client("hr");
        var inbox = Path.Combine(site.Folder, "inbox");
        // Another kind waiting in the inbox for the admin's run (a header only: whoever loads it, it changes no numbers).
        var waiting = Path.Combine(inbox, "chats_waiting_for_the_admin.csv");
        await File.WriteAllTextAsync(waiting, "message_id,store_id,buyer_id,agent_id,sender,sent_at,content\n");

        try
        {
            using var response = await PostFiles(hr, "/training", [("courses_from_hr.csv", "course_id,title,category,pass_score,valid_months,required_for_level,hours\n")]);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Contains("courses_from_hr.csv: 已导入", html, StringComparison.Ordinal);
            Assert.DoesNotContain("chats_", html, StringComparison.Ordinal);
            Assert.DoesNotContain("orders_", html, StringComparison.Ordinal);
            using var connection = site.Warehouse.OpenConnection();
            Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) from etl.file_ledger where file_name = 'chats_waiting_for_the_admin.csv'"));
        }
        finally
        {
            File.Delete(waiting);
        }
    }

    private static async Task<HttpResponseMessage> PostFiles(HttpClient client, string page, IReadOnlyList<(string Name, string Content)> files)
    {
        var token = await SiteFixture.Token(client, page);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "files", name);
        }

        return await client.PostAsync(page + "?handler=Upload", form);
    }

    /// <summary>A stream of zeros of a given length, with a length the request can declare, never held in memory.</summary>
    private sealed class Zeros(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            Array.Clear(buffer, offset, n);
            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
