using CsKpi.Web.Account;
using CsKpi.Web.Site;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages.Account;

/// <summary>Sign-in with a user of <c>app.user_account</c>; attempts are rate limited per address (SiteSetup).</summary>
public sealed class SignInModel(UserStore users) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        var user = users.Verify(UserName.Trim(), Password);
        if (user is null)
        {
            Failed = true;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal());
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
