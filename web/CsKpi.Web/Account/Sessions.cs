using System.Security.Claims;
using CsKpi.Web.Site;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CsKpi.Web.Account;

/// <summary>
/// Every request's sign-in cookie is checked against the account it names: a user disabled, demoted, moved to another
/// team or store, given a new password, or signed out (each writes a new security stamp) is signed out at their next
/// request, on any device, and after a restart too — the cookie alone no longer decides the role.
/// </summary>
public static class Sessions
{
    public static async Task Validate(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirstValue(SiteClaims.Stamp);
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        if (name is null || stamp is null || !users.IsCurrent(name, stamp))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
