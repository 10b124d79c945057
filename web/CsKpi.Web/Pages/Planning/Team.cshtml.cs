using CsKpi.Warehouse;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Site;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Planning;

/// <summary>
/// A team's KPI diagnosis: each KPI below the store's standard over the period with its causes, remedies and courses.
/// The team is the picker's team filter; a supervisor is held to their own.
/// </summary>
public sealed class TeamModel(DuckDBConnection db, WarehouseDatabase warehouse) : SitePage(db)
{
    public DiagnosisView? View { get; private set; }

    public IActionResult OnGet()
    {
        View = Diagnose();
        return Page();
    }

    /// <summary>Every KPI of the team with its standard (CSV or Excel).</summary>
    public IActionResult OnGetExport(string? format)
    {
        var findings = Diagnose()?.Diagnosis?.Findings ?? [];
        return Download(new ExportTable($"cskpi-diagnosis-{Scope.Team}-{Period.Iso(Period.From)}-{Period.Iso(Period.To)}",
            ["metric", "value", "standard", "direction", "standard_source", "below_standard", "causes", "remedies", "courses"],
            findings.Select(f => new object?[]
            {
                f.Metric, f.Value, f.Standard, f.Direction, f.StandardSource, f.IsBelowStandard, f.Causes, f.Remedies,
                string.Join("; ", f.Courses.Select(c => c.CourseId + " " + c.Title)),
            }).ToList()), format);
    }

    private DiagnosisView? Diagnose() => Scope.Team is { } team && Scope.Store is { } store
        ? DiagnosisView.Of(language => KpiDiagnostics.ForTeam(warehouse, store, team, Period.From, Period.DataTo, language))
        : null;
}
