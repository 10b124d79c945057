using System.Net;
using System.Text.RegularExpressions;
using CsKpi.Warehouse.Career;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Training;

[Collection(SiteCollection.Name)]
public sealed class TrainingTests(SiteFixture site)
{
    private const string Page = "/training";

    [Fact]
    public async Task Hr_sees_the_catalogue_the_matrix_in_colours_and_the_certified_juniors()
    {
        using var client = await site.Client("hr");

        var html = await client.GetStringAsync(Page);

        var catalogue = TrainingTracker.Catalogue(site.Warehouse);
        Assert.NotEmpty(catalogue);
        // Each course is an anchor the diagnosis links on the agent and team pages point at.
        Assert.All(catalogue, c => Assert.Contains($"id=\"course-{c.CourseId}\"", html, StringComparison.Ordinal));
        Assert.Contains("id=\"matrix\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"train train-", html, StringComparison.Ordinal);
        Assert.Contains($"data-agent=\"{site.OwnAgent}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-agent=\"{site.OtherAgent}\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"training-upload\"", html, StringComparison.Ordinal);
        // No inline style anywhere: the CSP forbids it, the colours are classes of site.css.
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("hr", HttpStatusCode.OK)]
    [InlineData("supervisor", HttpStatusCode.OK)]
    [InlineData("analyst", HttpStatusCode.Forbidden)]
    [InlineData("agent", HttpStatusCode.Forbidden)]
    public async Task Only_hr_supervisors_and_admins_open_the_page_and_its_download(string role, HttpStatusCode expected)
    {
        using var client = await site.Client(role);

        using var page = await client.GetAsync(Page);
        using var export = await client.GetAsync(Page + "?handler=Export&format=csv");

        Assert.Equal(expected, page.StatusCode);
        Assert.Equal(expected, export.StatusCode);
    }

    [Fact]
    public async Task A_supervisor_sees_only_their_team_and_not_another_teams_record()
    {
        using var client = await site.Client("supervisor");

        var html = await client.GetStringAsync(Page);
        using var other = await client.GetAsync(Page + "?agent=" + Uri.EscapeDataString(site.OtherAgent));
        var csv = await client.GetStringAsync(Page + "?handler=Export&format=csv");

        Assert.Contains($"data-agent=\"{site.OwnAgent}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(site.OtherAgent, html, StringComparison.Ordinal);
        Assert.DoesNotContain(site.OtherAgent, csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        // A supervisor reads; uploading is hr's.
        Assert.DoesNotContain("id=\"training-upload\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agents_record_lists_the_courses_and_what_to_learn_next()
    {
        using var client = await site.Client("hr");

        var html = await client.GetStringAsync(Page + "?agent=" + Uri.EscapeDataString(site.OwnAgent));

        Assert.Contains("id=\"record-table\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"next-table\"", html, StringComparison.Ordinal);
        var next = TrainingTracker.NextToLearn(site.Warehouse, new DateOnly(2026, 3, 6), site.OwnAgent);
        Assert.All(next, n => Assert.Contains(n.CourseId, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_takes_only_training_and_course_files_and_loads_them()
    {
        using var client = await site.Client("hr");
        var inbox = Path.Combine(site.Folder, "inbox");
        var course = TrainingTracker.Catalogue(site.Warehouse).First();

        var refused = await Upload(client, "ratings_from_training_page.csv", "store_id,buyer_id,agent_id,rated_at,score\n");
        var loaded = await Upload(client, "training_upload_test.csv",
            "agent_id,course_id,status,event_on,score,assessor\n" + $"{site.OwnAgent},{course.CourseId},completed,2026-03-05,{course.PassScore - 1},hr\n");

        Assert.Contains("upload-error", refused, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(inbox, "ratings_from_training_page.csv")));
        Assert.DoesNotContain("upload-error", loaded, StringComparison.Ordinal);
        Assert.Contains("training_upload_test.csv: 已导入", loaded, StringComparison.Ordinal);
        using var connection = site.Warehouse.OpenConnection();
        Assert.Equal(1, connection.ExecuteScalar<long>(
            "select count(*) from core.fct_training where agent_id = $agent and course_id = $course and event_on = date '2026-03-05' and is_failure",
            new { agent = site.OwnAgent, course = course.CourseId }));
    }

    [Fact]
    public async Task An_expiring_pass_names_its_agent_and_team_an_expired_one_reads_expired_and_the_matrix_names_its_courses()
    {
        using var client = await site.Client("hr");
        var asOf = new DateOnly(2026, 3, 6);
        var catalogue = TrainingTracker.Catalogue(site.Warehouse).Where(c => c.ValidMonths is not null).ToDictionary(c => c.CourseId);
        // An agent (not the upload test's) with two courses of their matrix that expire and that they never took: one
        // passed so that it expires within 30 days of the page's day, one a month past its expiry.
        var (agent, untaken) = TrainingTracker.Agents(site.Warehouse, asOf)
            .Where(a => a.AgentId != site.OwnAgent)
            .Select(a => (a, TrainingTracker.Matrix(site.Warehouse, asOf)
                .Where(c => c.AgentId == a.AgentId && c.State == "missing" && c.ExpiredOn is null && catalogue.ContainsKey(c.CourseId))
                .Select(c => catalogue[c.CourseId]).ToList()))
            .First(p => p.Item2.Count >= 2);
        var (expiring, expired) = (untaken[0], untaken[1]);

        var uploaded = await Upload(client, "training_expiry_test.csv", "agent_id,course_id,status,event_on,score,assessor\n"
            + $"{agent.AgentId},{expiring.CourseId},completed,{asOf.AddMonths(-expiring.ValidMonths!.Value).AddDays(7):yyyy-MM-dd},95,hr\n"
            + $"{agent.AgentId},{expired.CourseId},completed,{asOf.AddMonths(-expired.ValidMonths!.Value - 1):yyyy-MM-dd},95,hr\n");
        var html = await client.GetStringAsync(Page);
        var record = await client.GetStringAsync(Page + "?agent=" + Uri.EscapeDataString(agent.AgentId));

        Assert.DoesNotContain("upload-error", uploaded, StringComparison.Ordinal);
        // The expiring list says whose pass it is: the agent's name and team, not empty cells.
        var list = html[html.IndexOf("id=\"expiring\"", StringComparison.Ordinal)..];
        list = list[..list.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Matches($"<td><a [^>]*>{Regex.Escape(agent.Name)}</a></td><td>{Regex.Escape(agent.Team)}</td><td>{Regex.Escape(expiring.Title)} ", list);
        Assert.DoesNotContain("<td></td>", list, StringComparison.Ordinal);
        // An expired pass is 已过期 in the matrix and the record, not 未学 (never learnt).
        var row = html[html.IndexOf($"data-agent=\"{agent.AgentId}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Matches(">已过期<", row);
        Assert.Matches($"<td>{Regex.Escape(expired.Title)} <span class=\"muted\">{expired.CourseId}</span></td><td class=\"train train-expired\">已过期</td>", record);
        // The matrix's headers name the courses; the code is the small print.
        var header = html[html.IndexOf("id=\"matrix\"", StringComparison.Ordinal)..];
        header = header[..header.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains($">{expired.Title}<br><span class=\"muted\">{expired.CourseId} ", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_may_not_upload_and_an_upload_without_the_token_is_refused()
    {
        using var supervisor = await site.Client("supervisor");
        using var hr = await site.Client("hr");

        using var bySupervisor = await SiteFixture.PostFile(supervisor, Page, Page + "?handler=Upload", "training_by_supervisor.csv", "agent_id,course_id,status,event_on\n");
        using var noToken = await hr.PostAsync(Page + "?handler=Upload", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, bySupervisor.StatusCode);
        Assert.False(File.Exists(Path.Combine(site.Folder, "inbox", "training_by_supervisor.csv")));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }

    private static async Task<string> Upload(HttpClient client, string name, string content)
    {
        using var response = await SiteFixture.PostFile(client, Page, Page + "?handler=Upload", name, content);
        return await response.Content.ReadAsStringAsync();
    }
}
