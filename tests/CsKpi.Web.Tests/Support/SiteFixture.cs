using System.Net;
using System.Text.RegularExpressions;
using CsKpi.Etl;
using CsKpi.Jobs;
using CsKpi.Seed;
using CsKpi.Warehouse;
using CsKpi.Web.Account;
using CsKpi.Web.Site;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Support;

/// <summary>
/// A small warehouse filled the real way — the seed tool's files (a few agents, a few days) loaded by the ingest job —
/// and the site on it, with one user per role. Built once and shared by the page tests (a collection fixture).
/// </summary>
public sealed partial class SiteFixture : IDisposable
{
    public const string Password = "test-password";
    public static readonly DateOnly Start = new(2026, 3, 2);
    public const int Days = 5;

    private readonly WarehouseDatabase warehouse;

    public SiteFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "cskpi-web-tests", Guid.NewGuid().ToString("N"));
        var inbox = Path.Combine(Folder, "inbox");
        SeedRun.Run(new SeedOptions { OutputDirectory = inbox, Agents = 6, Days = Days, Start = Start, Seed = 11 });
        WarehousePath = Path.Combine(Folder, "cskpi.duckdb");
        warehouse = WarehouseDatabase.Open(new WarehouseOptions(WarehousePath));
        var result = IngestJob.Run(warehouse, new EtlOptions { Inbox = inbox });
        if (result.Recompute is { Failures.Count: > 0 } failed)
        {
            throw new InvalidOperationException("checks failed: " + string.Join("; ", failed.Failures));
        }

        using (var connection = warehouse.OpenConnection())
        {
            var agents = connection.Query<(string StoreId, string Team, string AgentId)>(
                "select store_id, team, agent_id from core.dim_agent where is_current and is_registered order by team, agent_id").ToList();
            var presale = agents.Where(a => a.Team.StartsWith("售前", StringComparison.Ordinal)).ToList();
            Store = presale[0].StoreId;
            Team = presale[0].Team;
            OwnAgent = presale[0].AgentId;
            OtherAgent = agents.First(a => a.Team != Team).AgentId;
            OtherTeam = agents.First(a => a.Team != Team).Team;
        }

        // The own agent's 赤兔 遵时率 (attendance) report, a row a day, loaded as a later ingest: 08:30 to 18:00 (08:50 on
        // 03-03), 9 h online, 7 h serving. The other agents have none, so their attendance stays empty.
        Directory.CreateDirectory(Path.Combine(inbox, Store));
        var days = Enumerable.Range(0, Days).Select(d => Start.AddDays(d)).ToList();
        File.WriteAllText(Path.Combine(inbox, Store, $"遵时率_{Start:yyyy-MM-dd}至{days[^1]:yyyy-MM-dd}.csv"),
            "日期,客服,旺旺,上班天数,平均上线时间,平均最后在线时间,总登录次数,在线总时长(秒),服务总时长(秒),挂起总时长(秒)\n"
            + string.Concat(days.Select(day => $"{day:yyyy-MM-dd},own,{OwnAgent},1,{(day == Start.AddDays(1) ? "8:50" : "8:30")},18:00,2,32400,25200,1800\n")),
            new System.Text.UTF8Encoding(false));
        if (IngestJob.Run(warehouse, new EtlOptions { Inbox = inbox }).Recompute is { Failures.Count: > 0 } again)
        {
            throw new InvalidOperationException("checks failed: " + string.Join("; ", again.Failures));
        }

        // As the site's jobs do after an ingest: the SQL page reads this, never the warehouse.
        SnapshotJob.Run(warehouse);

        Site = Create(new Dictionary<string, string?> { ["SignIn:AttemptsPerMinute"] = "10000" });
        var users = Site.Services.GetRequiredService<UserStore>();
        foreach (var role in Roles.All)
        {
            users.Save(new UserAccount
            {
                UserName = role,
                DisplayName = role + " user",
                Role = role,
                StoreId = role is Roles.Supervisor or Roles.Agent ? Store : null,
                Team = role == Roles.Supervisor ? Team : null,
                AgentId = role == Roles.Agent ? OwnAgent : null,
            }, Password, "test");
        }
    }

    public string Folder { get; }
    public string WarehousePath { get; }
    public WebApplicationFactory<Program> Site { get; }
    public string Store { get; }
    /// <summary>The supervisor's team, and an agent in it (the agent user).</summary>
    public string Team { get; }
    public string OwnAgent { get; }
    /// <summary>An agent of another team: neither the supervisor nor the agent user may see them.</summary>
    public string OtherAgent { get; }
    public string OtherTeam { get; }

    public WebApplicationFactory<Program> Create(IDictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("Warehouse:Path", WarehousePath);
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
        });

    public WarehouseDatabase Warehouse => warehouse;

    /// <summary>A client signed in as the user of a role (or anonymous with null); redirects are not followed.</summary>
    public async Task<HttpClient> Client(string? role) => await SignedIn(Site, role);

    public static async Task<HttpClient> SignedIn(WebApplicationFactory<Program> site, string? role, string password = Password)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (role is null)
        {
            return client;
        }

        using var response = await SignIn(client, role, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {role} answered {response.StatusCode}");
        }

        return client;
    }

    public static Task<HttpResponseMessage> SignIn(HttpClient client, string user, string password) =>
        PostForm(client, "/account/signin", "/account/signin", new() { ["UserName"] = user, ["Password"] = password });

    /// <summary>Posts a form the way a browser does: the token of the page it is on, then the fields.</summary>
    public static async Task<HttpResponseMessage> PostForm(HttpClient client, string page, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await Token(client, page);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Uploads one file the way a browser's file form does (field <c>files</c>, the page's token); the answer's HTML.</summary>
    public static async Task<HttpResponseMessage> PostFile(HttpClient client, string page, string url, string name, string content,
        Dictionary<string, string>? fields = null)
    {
        var token = await Token(client, page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "files", name },
        };
        foreach (var (field, value) in fields ?? [])
        {
            form.Add(new StringContent(value), field);
        }

        return await client.PostAsync(url, form);
    }

    /// <summary>The anti-forgery token of the first form on a page.</summary>
    public static async Task<string> Token(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{page} has no anti-forgery token");
    }

    public static string AgentPath(string agentId) => "/agents/" + Uri.EscapeDataString(agentId);

    public void Dispose()
    {
        Site.Dispose();
        warehouse.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // DuckDB may hold the file a moment after the last connection closes; a temp folder left behind is harmless.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "site";
}
