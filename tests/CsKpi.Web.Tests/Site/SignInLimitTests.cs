using System.Net;
using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Site;

/// <summary>Sign-in attempts are limited per client: a password cannot be guessed at speed.</summary>
public sealed class SignInLimitTests
{
    [Fact]
    public async Task Attempts_beyond_the_limit_get_429()
    {
        using var empty = new EmptySite(fromTemplate: true);
        using var site = empty.Create("Testing", ("SignIn:AttemptsPerMinute", "3"));
        using var client = await SiteFixture.SignedIn(site, null);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await SiteFixture.SignIn(client, "admin", "wrong-password");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
