using CsKpi.Warehouse.Career;
using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Pages.Agents;

[Collection(SiteCollection.Name)]
public sealed class AgentCareerTests(SiteFixture site)
{
    [Theory]
    [InlineData("hr")]
    [InlineData("agent")]
    public async Task The_agent_page_shows_level_welfare_history_training_and_bonus(string role)
    {
        using var client = await site.Client(role);

        var html = await client.GetStringAsync(SiteFixture.AgentPath(site.OwnAgent) + "?grain=month&from=2026-03-01");

        foreach (var id in new[] { "career-level", "career-history", "career-training", "career-next", "career-bonus" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        var bonus = Bonus.Monthly(site.Warehouse, agentId: site.OwnAgent);
        Assert.NotEmpty(bonus);
        Assert.Contains($"<td>{bonus[0].Month}</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }
}
