using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CsKpi.Warehouse.Career;
using CsKpi.Web.Tests.Support;
using CsKpi.Web.Account;
using CsKpi.Web.Site;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Site;

/// <summary>
/// Walks every page as every role, in zh-CN and in English, and reads what a user reads (tags, scripts and styles
/// stripped): a Chinese page may show no English words, an English page no Chinese characters. What may cross is
/// data, not interface — the warehouse's names of agents, teams, stores, courses, buyers and chats, the users'
/// names, the loaded files — and a short allow-list of codes (KPI codes, SQL, CSV, levels, halves, units).
/// Its own site: the walk runs the review, the ETL and the SQL page, which change what the shared one's tests see.
/// </summary>
public sealed partial class LanguageWalkTests(LanguageWalkTests.Site site) : IClassFixture<LanguageWalkTests.Site>
{
    /// <summary>Its own site, whose users are named as people are (a login, a Chinese name) rather than after their
    /// roles, so a role shown as its code ("admin") is caught and not taken for a user's name.</summary>
    public sealed class Site : IDisposable
    {
        public Site()
        {
            var users = Fixture.Site.Services.GetRequiredService<UserStore>();
            foreach (var (role, name) in new[] { ("admin", "王管理"), ("hr", "李人事"), ("analyst", "赵分析"), ("supervisor", "钱组长"), ("agent", "孙客服") })
            {
                users.Save(new UserAccount
                {
                    UserName = Login(role), DisplayName = name, Role = role,
                    StoreId = role is "supervisor" or "agent" ? Fixture.Store : null,
                    Team = role == "supervisor" ? Fixture.Team : null,
                    AgentId = role == "agent" ? Fixture.OwnAgent : null,
                }, SiteFixture.Password, "test");
            }

            using var connection = Fixture.Warehouse.OpenConnection();
            connection.Execute("delete from app.user_account where user_name not like 'u\\_%' escape '\\'");
        }

        public SiteFixture Fixture { get; } = new();

        public static string Login(string role) => "u_" + role;

        public void Dispose() => Fixture.Dispose();
    }

    private const string SampleWeek = "2026-03-02";
    private const string NotAHalf = "2026 上半年";

    private SiteFixture Fixture => site.Fixture;

    [Fact]
    public async Task Chinese_pages_show_no_english_words()
    {
        var leaks = await Walk("zh-CN", EnglishLeaks);

        Assert.True(leaks.Count == 0, "English on zh-CN pages:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task English_pages_show_no_chinese()
    {
        var leaks = await Walk("en-US", ChineseLeaks);

        Assert.True(leaks.Count == 0, "Chinese on English pages:\n" + string.Join("\n", leaks));
    }

    /// <summary>Every page of every role in one language; the leaks as "role url: words".</summary>
    private async Task<List<string>> Walk(string culture, Func<string, IReadOnlyCollection<string>, IEnumerable<string>> leaksOf)
    {
        // Bad files for the admin's run: each walk's own, so each language's run loads, rejects and skips them anew.
        var badFiles = WriteBadFiles(culture == "en-US" ? "en" : "zh");
        var data = DataValues(badFiles);
        var codes = Fixture.Site.Services.GetRequiredService<SiteMetrics>().Registry.All.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var leaks = new List<string>();
        var visited = new List<string>();
        var pages = new List<(string Url, string Html)>();
        foreach (var role in CsKpi.Web.Site.Roles.All)
        {
            using var client = await SiteFixture.SignedIn(Fixture.Site, Site.Login(role));
            client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c={culture}|uic={culture}");
            foreach (var (url, html) in await Pages(client, role))
            {
                visited.Add(url);
                pages.Add((url, html));
                Assert.Contains($"<html lang=\"{(culture == "en-US" ? "en" : "zh-CN")}", html, StringComparison.Ordinal);
                var found = leaksOf(VisibleText(html), data).Where(word => !codes.Contains(word)).Distinct(StringComparer.Ordinal).Take(30).ToList();
                if (found.Count > 0)
                {
                    leaks.Add($"{role} {url}: {string.Join(" | ", found)}");
                }
            }
        }

        // The walk reached the variants it is meant to read, so a page that stopped answering cannot pass it quietly.
        var missed = new[]
            {
                "/agents/", "/reviews/", "/promotions", "POST /promotions?handler=Run 2025H2", "POST /promotions?handler=Run 2026H2",
                "POST /promotions?handler=Decide", "POST /promotions?handler=Change", "POST /etl?handler=Run", "POST /sql delete", "/training",
                "/planning", "/planning?target=", "/planning?target=1000&aov=200&share=130", "/planning?grain=range&from=2020-01-01&to=2020-01-31&history",
                "/planning?grain=range&from=2020-01-01&to=2020-01-31&base=agent", "/scorecards/edit", "/account/users",
            }
            .Where(variant => !visited.Any(url => url.StartsWith(variant, StringComparison.Ordinal))).ToList();
        Assert.True(missed.Count == 0, "the walk did not reach " + string.Join(", ", missed));

        // The run's page words the bad files' reasons: rows rejected (several kinds), a file rejected, one skipped, a
        // loaded file's notes — in this walk's language, from their codes.
        var run = WebUtility.HtmlDecode(pages.Single(p => p.Url.StartsWith("POST /etl?handler=Run", StringComparison.Ordinal)).Html);
        var expected = culture == "en-US"
            ? new[] { "is above the amount paid", "is not money", "is unknown; expected created", "a summary row", "fields but the header has", "required column missing",
                "has no buyer column", "(folder ", "is not one of buyer, agent", "a .json file is not accepted" }
            : ["超过实付金额", "不是金额", "无法识别", "这是汇总行", "个字段，表头只有", "缺少必需列", "文件没有买家列", "（文件夹 ", "之一", "不接受"];
        var unworded = expected.Where(words => !run.Contains(words, StringComparison.Ordinal)).ToList();
        Assert.True(unworded.Count == 0, "the ETL run's page does not say: " + string.Join(" | ", unworded));

        return leaks;
    }

    /// <summary>The pages a role may open, each with its main variants: an agent, a review, a run half review, an ETL
    /// run with a result, the SQL page with a result and with a refusal. Pages a role may not open are skipped.</summary>
    private async Task<List<(string Url, string Html)>> Pages(HttpClient client, string role)
    {
        var pages = new List<(string, string)>();
        async Task Get(string url)
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                pages.Add((url, await response.Content.ReadAsStringAsync()));
            }
        }

        async Task Post(string page, string url, Dictionary<string, string> fields)
        {
            using var response = await SiteFixture.PostForm(client, page, url, fields);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                pages.Add(("POST " + url + " " + string.Join(",", fields.Where(f => f.Key != "__RequestVerificationToken").Select(f => f.Value)),
                    await response.Content.ReadAsStringAsync()));
            }
        }

        if (role == "admin")
        {
            // The week's review sample, picked as an admin does (every role then has reviews to list and open).
            await Post("/reviews?week=" + SampleWeek, "/reviews?handler=Sample", new() { ["week"] = SampleWeek });
        }

        foreach (var url in new[]
        {
            "/", "/?period=month", "/agents", SiteFixture.AgentPath(Fixture.OwnAgent), SiteFixture.AgentPath(Fixture.OtherAgent),
            "/rankings", "/scorecards", "/scorecards/edit", "/reports", "/reports/reconciliation", "/planning", "/planning?target=2000000&aov=200", "/planning/team",
            "/reviews", "/reviews?week=" + SampleWeek, "/training", "/promotions", "/promotions?half=2026H1", "/promotions?half=2026H2", "/etl", "/account/users", "/sql", "/firm",
        })
        {
            await Get(url);
        }

        // Planning input the planner refuses (the form sends it as a GET): a share over 100 %, inputs to learn from a
        // period without history, an agent's scenario without history. Each refusal is a code the page words.
        foreach (var (url, error) in new[]
        {
            ("/planning?target=1000&aov=200&share=130&conversion=50&receptions=300", "plan-error"),
            ("/planning?grain=range&from=2020-01-01&to=2020-01-31&history=period&target=500000", "plan-error"),
            ("/planning?grain=range&from=2020-01-01&to=2020-01-31&base=agent&baseagent=" + Uri.EscapeDataString(Fixture.OwnAgent)
                + "&alt=typed&altreceptions=100&altconversion=50&altaov=100", "what-if-error"),
        })
        {
            await Get(url);
            if (pages.Count > 0 && pages[^1].Item1 == url)
            {
                Assert.Contains($"id=\"{error}\"", pages[^1].Item2, StringComparison.Ordinal);
            }
        }

        if (role is "hr" or "admin")
        {
            // A half that has ended (with its proposals and every reason) and one that has not (the refusal).
            await Post("/promotions?half=2026H1", "/promotions?handler=Run", new() { ["half"] = "2025H2" });
            await Post("/promotions?half=2026H1", "/promotions?handler=Run", new() { ["half"] = "2026H1" });
            await Post("/promotions?half=2026H1", "/promotions?handler=Run", new() { ["half"] = "2026H2" });
        }

        if (role == "hr")
        {
            // A decision, a decision refused (already decided) and a manual change: the audit log and both refusals.
            var first = HalfReview.Proposals(Fixture.Warehouse, new ProposalFilter(Half: "2026H1", Status: "pending")).FirstOrDefault();
            var decided = HalfReview.Proposals(Fixture.Warehouse, new ProposalFilter(Half: "2026H1")).FirstOrDefault(p => p.Status != "pending");
            var id = (first ?? decided)?.ProposalId.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";
            await Post("/promotions?half=2026H1", "/promotions?handler=Decide",
                new() { ["half"] = "2026H1", ["ids"] = id, ["decision"] = "approve", ["comment"] = "同意", ["effectiveFrom"] = "2026-07-01" });
            await Post("/promotions?half=2026H1", "/promotions?handler=Decide",
                new() { ["half"] = "2026H1", ["ids"] = id, ["decision"] = "reject", ["comment"] = "再议" });
            await Post("/promotions?half=2026H1", "/promotions?handler=Change", new()
            {
                ["half"] = "2026H1", ["agentId"] = Fixture.OwnAgent, ["level"] = "L2", ["coefficient"] = "1.00",
                ["effectiveFrom"] = "2026-07-01", ["reason"] = "代理组长",
            });
            await Post("/promotions?half=2026H1", "/promotions?handler=Run", new() { ["half"] = NotAHalf });
        }

        if (role == "admin")
        {
            await Post("/etl", "/etl?handler=Run", []);
        }

        if (role is "analyst" or "admin")
        {
            await Post("/sql", "/sql", new() { ["q"] = "select agent_id, count(*) as days from kpi_agent_daily group by all" });
            await Post("/sql", "/sql", new() { ["q"] = "delete from kpi_agent_daily" });
            await Post("/sql", "/sql", new() { ["q"] = "select * from no_such_table" });
        }

        // A review of the role's own scope, when it has any.
        var list = pages.FirstOrDefault(p => p.Item1 == "/reviews?week=" + SampleWeek).Item2;
        if (list is not null && ReviewLink().Match(list) is { Success: true } review)
        {
            await Get(WebUtility.HtmlDecode(review.Groups[1].Value));
        }

        if (role is "hr" or "admin")
        {
            var proposal = HalfReview.Proposals(Fixture.Warehouse, new ProposalFilter(Half: "2026H1")).FirstOrDefault();
            if (proposal is not null)
            {
                await Get(SiteFixture.AgentPath(proposal.AgentId));
            }
        }

        return pages;
    }

    /// <summary>
    /// Files with something wrong for the ETL run, named after the walk (<paramref name="tag"/>) so each walk's run
    /// loads its own: an orders file whose rows break several rules (no store, money that is not money, a refund above
    /// the amount, an unknown status, a totals row, a row with a field too many), a chats file with an unknown sender
    /// and a bad time, an orders file without its amount column (rejected whole), a 拼多多 export in the store's folder
    /// (loaded with notes: no buyer column, the store from the folder), and a .json file (skipped). The inbox paths.
    /// </summary>
    private List<string> WriteBadFiles(string tag)
    {
        using var scope = Fixture.Site.Services.CreateScope();
        var inbox = scope.ServiceProvider.GetRequiredService<InboxUpload>().InboxPath;
        var store = Fixture.Store;
        var files = new Dictionary<string, string>
        {
            [$"orders_walk_{tag}.csv"] = $"""
                order_id,store_id,buyer_id,created_at,amount,refund_amount,status
                W{tag}1,,买家甲,2026-03-03 10:00:00,10.00,,
                W{tag}2,{store},买家甲,2026-03-03 10:00:00,十元,,
                W{tag}3,{store},买家甲,2026-03-03 10:00:00,10.00,20.00,
                W{tag}4,{store},买家甲,2026-03-03 10:00:00,10.00,,半路
                W{tag}5,{store},买家甲,2026-03-03 10:00:00,10.00,,,多一列
                合计,,,,40.00,,

                """,
            [$"chats_walk_{tag}.csv"] = $"""
                message_id,store_id,buyer_id,agent_id,sender,sent_at,content
                W{tag}1,{store},买家甲,{Fixture.OwnAgent},顾客,2026-03-03 10:00:00,在吗
                W{tag}2,{store},买家甲,{Fixture.OwnAgent},buyer,昨天中午,在吗

                """,
            [$"orders_walk_noamount_{tag}.csv"] = $"""
                order_id,store_id,buyer_id,created_at
                W{tag}1,{store},买家甲,2026-03-03 10:00:00

                """,
            [$"{store}/pdd_walk_{tag}.csv"] = $"""
                订单号,商品总价(元),用户实付金额(元),商家实收金额(元),订单状态,订单成交时间
                P{tag}1,10.00,十元,9.50,已签收,2026-03-03 10:00:00

                """,
            [$"walk_{tag}.json"] = "{}",
        };
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(inbox, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        return [.. files.Keys];
    }

    /// <summary>What a reader sees: no scripts, styles or tags; entities decoded; one space between words.</summary>
    public static string VisibleText(string html)
    {
        var text = Hidden().Replace(html, " ");
        text = Tag().Replace(text, " ");
        return Space().Replace(WebUtility.HtmlDecode(text), " ");
    }

    /// <summary>Words of English on a Chinese page: a run of two or more Latin letters that is neither data, a code
    /// (a KPI code, dotted names, identifiers with digits) nor in the allow-list. A snake_case word is not let through
    /// as such: a rule's or a state's code (order_created) is as foreign to a Chinese reader as a word.</summary>
    public static IEnumerable<string> EnglishLeaks(string text, IReadOnlyCollection<string> data)
    {
        text = WithoutData(text, data);
        foreach (Match token in Token().Matches(text))
        {
            var word = token.Value.Trim('.', '-', ':', '/');
            if (!LatinWord().IsMatch(word) || Code().IsMatch(word)
                || AllowedEnglish.Contains(word) || SqlWords.Contains(word.ToLowerInvariant()))
            {
                continue;
            }

            yield return word;
        }
    }

    /// <summary>Chinese characters on an English page, with a little of their context, once data is taken out.</summary>
    public static IEnumerable<string> ChineseLeaks(string text, IReadOnlyCollection<string> data)
    {
        text = WithoutData(text, data);
        foreach (Match han in Han().Matches(text))
        {
            var from = Math.Max(0, han.Index - 20);
            var context = text[from..Math.Min(text.Length, han.Index + han.Length + 20)];
            if (!AllowedChinese.Contains(han.Value))
            {
                yield return han.Value + " «" + context + "»";
            }
        }
    }

    private static string WithoutData(string text, IReadOnlyCollection<string> data)
    {
        // a buyer's nick masked as the pages mask it (阿***0) is data, as the nick is
        var builder = new StringBuilder(MaskedNick().Replace(text, " "));
        foreach (var value in data)
        {
            builder.Replace(value, " ");
        }

        return builder.ToString();
    }

    /// <summary>The data the pages show as they are: names and ids from the warehouse, the users' names, the files.
    /// Longest first, so a name is taken out before a shorter name inside it.</summary>
    private IReadOnlyCollection<string> DataValues(IEnumerable<string> files)
    {
        using var connection = Fixture.Warehouse.OpenConnection();
        var values = new List<string>();
        foreach (var sql in new[]
        {
            "select agent_id from core.dim_agent union select name from core.dim_agent union select team from core.dim_agent",
            "select store_id from core.dim_store",
            "select display_name from app.store where display_name is not null",
            "select course_id from core.dim_course union select title from core.dim_course",
            "select buyer_id from raw.chat_message union select content from raw.chat_message where content is not null",
            "select buyer_id from core.fct_order",
            "select user_name from app.user_account union select display_name from app.user_account",
            "select buyer_id from raw.rating",
            "select file_name from etl.file_ledger",
            // the career ladder's names are HR's to set, as the stores' are
            "select name from app.career_level",
            // what people typed: decisions' comments, manual changes' reasons
            "select decision_comment from app.review_proposal where decision_comment is not null",
            "select reason from app.audit_log",
        })
        {
            values.AddRange(connection.Query<string>(sql).Where(v => !string.IsNullOrWhiteSpace(v)));
        }

        // What the walk itself types, echoed in a refusal: data as any input is; the files it drops, named as they are.
        values.Add(NotAHalf);
        values.AddRange(files);

        // A path is shown as store/file; its parts are data as the whole is.
        values.AddRange(values.Where(v => v.Contains('/', StringComparison.Ordinal)).SelectMany(v => v.Split('/')).ToList());
        return values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToList();
    }

    /// <summary>Words a Chinese page may show: the product, formats and units, the language switch's own name.</summary>
    private static readonly HashSet<string> AllowedEnglish = new(StringComparer.Ordinal)
    {
        "CsKpi", "English", "SQL", "CSV", "KPI", "ID", "UTC", "DuckDB", "Hangfire", "Excel", "JD", "Tmall", "ms", "px", "vs",
        "AM", "PM", "GMV", "UV", "PV", "SLA", "TOP", "Top", "Erlang", "ROI", "FAQ", "API", "OK", "IP", "MB", "KB", "GB", "BOM",
    };

    /// <summary>Characters an English page may show: the language switch's own name.</summary>
    private static readonly HashSet<string> AllowedChinese = new(StringComparer.Ordinal) { "中文" };

    private static readonly HashSet<string> SqlWords = new(StringComparer.Ordinal)
    {
        "select", "from", "where", "group", "by", "order", "limit", "join", "on", "as", "and", "or", "not", "null", "count", "sum",
        "avg", "min", "max", "having", "with", "distinct", "case", "when", "then", "else", "end", "in", "is", "all", "asc", "desc",
        "delete", "insert", "update", "describe", "show", "summarize", "struct", "ubigint", "interval", "iso", "varchar", "bigint", "integer", "double", "decimal", "date", "timestamp", "boolean", "true", "false",
    };

    /// <summary>What no reader reads as words: scripts, styles, comments, and code (SQL, table and column names, the
    /// analyst's own query, and DuckDB's own messages, which the SQL page shows as code beside its own words).</summary>
    [GeneratedRegex(@"<(script|style|template|code|textarea)\b.*?</\1\s*>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"\S\*{3}\S*")]
    private static partial Regex MaskedNick();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"[A-Za-z0-9_.:/\-]+")]
    private static partial Regex Token();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    /// <summary>A code, not a word: a level (L3), a half (2026H1), a dotted or numbered identifier (marts.kpi, p95), a
    /// hyphenated code (an export layout such as taobao-orders, utf-8), a path.</summary>
    [GeneratedRegex(@"^(L\d+(-L?\d+)?|\d{4}(H[12]|Q[1-4])|H[12]|[A-Za-z]+\d+[A-Za-z0-9]*|\w+(\.\w+)+|\d+[A-Za-z]{1,3}|[a-z0-9]+(-[a-z0-9]+)+|\S*/\S*)$")]
    private static partial Regex Code();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+|[\u3000-\u303F\uFF00-\uFFEF]+")]
    private static partial Regex Han();

    [GeneratedRegex("href=\"(/reviews/[^\"?]+)\"")]
    private static partial Regex ReviewLink();
}
