using CsKpi.Web.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages.Account;

/// <summary>
/// Sign-out is a POST (with its anti-forgery token), so a link on another site cannot sign anyone out. It ends the
/// session on the server too (a new security stamp), so a copy of the cookie is worth nothing afterwards.
/// </summary>
public sealed class SignOutModel(UserStore users) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.Name is { } name)
        {
            users.EndSessions(name);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/account/signin");
    }
}
