using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Metrics;
using CsKpi.Web.Account;
using CsKpi.Web.Charts;
using CsKpi.Web.Demo;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

namespace CsKpi.Web.Site;

/// <summary>Everything the site registers and the order of its middleware, so Program.cs stays a few lines.</summary>
public static class SiteSetup
{
    public const string SignInPath = "/account/signin";
    public const string SignInRateLimit = "sign-in";

    public static void AddSite(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSiteOptions(builder.Configuration);
        services.AddWarehouse();
        // One DuckDB connection per request (a connection is not thread-safe); opened when a page first asks for it.
        services.AddScoped(provider => provider.GetRequiredService<WarehouseDatabase>().OpenConnection());
        // The clock every page reads "today" from (StoreClock); tests register a pinned one.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UserStore>();
        services.AddSingleton(new SiteMetrics(MetricRegistry.Embedded));
        services.AddSingleton<InboxUpload>();
        services.AddSingleton<DemoDataStatus>();
        services.AddSingleton(provider => ChartFonts.Find(provider.Value<ChartOptions>().FontFile));
        // The charts' and rows' cache, bounded (Cache:SizeMB): part of the site's memory bound.
        services.AddMemoryCache();
        services.AddOptions<Microsoft.Extensions.Caching.Memory.MemoryCacheOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<CacheOptions>>((memory, cache) => memory.SizeLimit = cache.Value.SizeMB * 1024 * 1024);
        services.AddSingleton<ChartCache>();
        services.AddSingleton<QueryCache>();
        services.AddSingleton(provider => Pages.Sql.IndexModel.Gate(provider.Value<SqlPageOptions>()));
#if DEMO
        // The first-start demo is built into Debug builds only (web/CsKpi.Web.Demo, with the seed tool's Bogus and
        // Parquet.Net); a Release build has no seed generator to make it with.
        if (builder.Environment.IsDevelopment() && builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() is not { Enabled: false })
        {
            services.AddSingleton<DemoUsers>();
            services.AddSingleton<IDemoSite, DemoSite>();
            services.AddDemoData();
        }
#endif

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Agents", Policies.AgentsPages);
            options.Conventions.AuthorizeFolder("/Rankings", Policies.SupervisorOrAbove);
            options.Conventions.AuthorizeFolder("/Scorecards", Policies.SupervisorOrAbove);
            options.Conventions.AuthorizePage("/Scorecards/Edit", Policies.Admin);
            options.Conventions.AuthorizeFolder("/Reports", Policies.SupervisorOrAbove);
            options.Conventions.AuthorizeFolder("/Etl", Policies.Admin);
            options.Conventions.AuthorizeFolder("/Sql", Policies.Analyst);
            options.Conventions.AuthorizeFolder("/Firm", Policies.Analyst);
            options.Conventions.AuthorizeFolder("/Planning", Policies.SupervisorOrAbove);
            options.Conventions.AuthorizeFolder("/Reviews", Policies.Reviews);
            options.Conventions.AuthorizeFolder("/Training", Policies.Training);
            options.Conventions.AuthorizeFolder("/Promotions", Policies.Hr);
            options.Conventions.AuthorizePage("/Account/Users", Policies.Admin);
            options.Conventions.AllowAnonymousToPage("/Account/SignIn");
            options.Conventions.AllowAnonymousToPage("/Account/Language");
            options.Conventions.AllowAnonymousToPage("/Status");
        });
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = SignInPath;
            options.Cookie.Name = "cskpi-auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            // The cookie's role and scope hold only while the account still has the stamp the cookie carries.
            options.Events.OnValidatePrincipal = Sessions.Validate;
            // A signed-in user asking for what their role does not allow gets 403, not a redirect to a sign-in page.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(options =>
        {
            // Every page needs a sign-in unless it says otherwise.
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            options.AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin));
            options.AddPolicy(Policies.SupervisorOrAbove, policy => policy.RequireRole(Roles.Admin, Roles.Hr, Roles.Analyst, Roles.Supervisor));
            options.AddPolicy(Policies.AgentsPages, policy => policy.RequireRole(Roles.Admin, Roles.Hr, Roles.Analyst, Roles.Supervisor, Roles.Agent));
            options.AddPolicy(Policies.Reviews, policy => policy.RequireRole(Roles.Admin, Roles.Hr, Roles.Supervisor, Roles.Agent));
            options.AddPolicy(Policies.Analyst, policy => policy.RequireRole(Roles.Admin, Roles.Analyst));
            options.AddPolicy(Policies.Training, policy => policy.RequireRole(Roles.Admin, Roles.Hr, Roles.Supervisor));
            options.AddPolicy(Policies.Hr, policy => policy.RequireRole(Roles.Admin, Roles.Hr));
        });
        services.AddAntiforgery(options => options.Cookie.Name = "cskpi-af");
        // Chinese as it is in the HTML, not as &#x...; entities: the page stays readable and a third smaller.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in attempts per client address: a password cannot be guessed at speed.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = context.RequestServices.Value<SignInOptions>().AttemptsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter(""));
        });

        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Lang.Supported.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(Lang.Chinese);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The switch in the header writes the cookie; the browser's language does not override zh-CN.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
    }

    public static void UseSite(this WebApplication app)
    {
        CreateFirstUsers(app);

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/status/500");
        }

        app.Use(SecurityHeaders);
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(UploadLimits.Apply);
        app.MapGet("/site.css", SiteCss).AllowAnonymous();
        app.MapRazorPages();
    }

    /// <summary>
    /// Content-Security-Policy: only this site's own styles, scripts and images (charts are same-origin PNGs), no
    /// framing; plus no MIME sniffing and no full referrers to other sites.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        // Hangfire's dashboard (admins only) writes inline scripts and styles of its own; every page of ours has none.
        var inline = context.Request.Path.StartsWithSegments("/hangfire") ? " 'unsafe-inline'" : "";
        headers.ContentSecurityPolicy = $"default-src 'self'; img-src 'self' data:; style-src 'self'{inline}; script-src 'self'{inline}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        return next();
    }

    private static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = typeof(SiteSetup).Assembly.GetManifestResourceStream("site.css")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    private static IResult SiteCss(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(Css.Value, "text/css; charset=utf-8");
    }

    /// <summary>
    /// The first admin from CSKPI_ADMIN_PASSWORD; in Development, without it, the demo password, so a newcomer can
    /// sign in (the other demo users follow once the demo data names their team and agent).
    /// </summary>
    private static void CreateFirstUsers(WebApplication app)
    {
        var users = app.Services.GetRequiredService<UserStore>();
        var password = app.Services.Value<FirstAdminOptions>().Password;
        var demo = app.Environment.IsDevelopment() && string.IsNullOrEmpty(password);
        if (demo)
        {
            password = DemoUsers.Password;
        }

        if (string.IsNullOrEmpty(password))
        {
            if (users.Find("admin") is null)
            {
                app.Logger.LogWarning("No user admin and no CSKPI_ADMIN_PASSWORD: set it and restart to create the first admin");
            }

            return;
        }

        if (users.EnsureAdmin(password))
        {
            Console.WriteLine(demo
                ? $"Created user admin with the demo password {password} (set CSKPI_ADMIN_PASSWORD to choose one)"
                : "Created user admin with the password of CSKPI_ADMIN_PASSWORD");
        }
    }
}
