using System.Diagnostics;
using CsKpi.Warehouse;
using CsKpi.Web.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Pages.Firm;

/// <summary>
/// Firm-wide (admin, analyst): one month of every store of every shard, read from the Parquet lake
/// (<see cref="LakeReader"/>, docs/scale-out.md) rather than this server's warehouse, which holds its own shard's
/// stores only. The stores' sums and the top agents by sales across all of them. Supervisors and agents, who see one
/// store or team, do not see this page: it names every store's agents.
/// </summary>
public sealed class IndexModel(WarehouseDatabase warehouse, IOptions<LakeOptions> lake) : PageModel
{
    public const int TopAgents = 50;

    [BindProperty(SupportsGet = true, Name = "month")]
    public string? Month { get; set; }

    /// <summary>Null when no lake is configured.</summary>
    public string? LakeRoot { get; private set; }

    /// <summary>Null when the lake holds nothing yet.</summary>
    public FirmMonth? Firm { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public void OnGet()
    {
        var root = string.IsNullOrWhiteSpace(lake.Value.Path) ? warehouse.Options.LakePath : lake.Value.Path;
        if (string.IsNullOrWhiteSpace(root))
        {
            return;
        }

        LakeRoot = root;
        var clock = Stopwatch.StartNew();
        Firm = LakeReader.Month(root, Month, TopAgents);
        Elapsed = clock.Elapsed;
    }
}
