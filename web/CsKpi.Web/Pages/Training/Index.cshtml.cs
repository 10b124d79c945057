using CsKpi.Etl;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Career;
using CsKpi.Web.Site;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Training;

/// <summary>
/// 培训 (hr, supervisor — their team only — and admin): the course catalogue; the completion matrix (each visible
/// agent × the courses their level and the next require, coloured by state); passes about to expire; who is a
/// certified junior and since when; one agent's record (passes with score, date and expiry, courses in progress,
/// failed attempts, what to learn next incl. the weak-KPI recommendations); and, for hr and admin, uploading course
/// and training files to the ETL's inbox followed by the ingest job. Everything is as of the period's last day.
/// </summary>
[UploadForm]
public sealed class IndexModel(DuckDBConnection db, WarehouseDatabase warehouse, InboxUpload inbox) : SitePage(db)
{
    /// <summary>The kinds of file this page accepts.</summary>
    public static readonly IReadOnlyList<FileKind> UploadKinds = [FileKind.Courses, FileKind.Training];

    /// <summary>The states of the matrix, in the legend's order.</summary>
    public static readonly IReadOnlyList<string> States = ["passed", "expiring", "in_progress", "failed", "expired", "missing"];

    public DateOnly AsOf { get; private set; }
    public IReadOnlyList<CourseRow> Catalogue { get; private set; } = [];
    public IReadOnlyList<TrainingAgent> Agents { get; private set; } = [];
    public IReadOnlyList<CourseRow> MatrixCourses { get; private set; } = [];
    public IReadOnlyDictionary<(string Agent, string Course), TrainingCell> Matrix { get; private set; } = new Dictionary<(string, string), TrainingCell>();
    public IReadOnlyList<TrainingCell> Expiring { get; private set; } = [];
    public ILookup<string, NextCourse> Next { get; private set; } = Array.Empty<NextCourse>().ToLookup(n => n.AgentId);
    public TrainingAgent? Selected { get; private set; }
    public IReadOnlyList<TrainingCell> Record { get; private set; } = [];
    public IReadOnlyList<Microsoft.AspNetCore.Html.IHtmlContent> Messages { get; private set; } = [];
    public IReadOnlyList<Microsoft.AspNetCore.Html.IHtmlContent> Errors { get; private set; } = [];

    /// <summary>hr and admin may upload; a supervisor only reads.</summary>
    public bool MayUpload => Viewer.Role is Roles.Admin or Roles.Hr;

    public long MaxFileBytes => inbox.MaxFileBytes;

    public override IEnumerable<KeyValuePair<string, string?>> Keep => Selected is null ? [] : [new("agent", Selected.AgentId)];

    public static string StateName(string state) => state switch
    {
        "passed" => Lang.T("已通过", "passed"),
        "expiring" => Lang.T("即将过期", "expiring"),
        "in_progress" => Lang.T("学习中", "in progress"),
        "failed" => Lang.T("未通过", "failed"),
        "expired" => Lang.T("已过期", "expired"),
        "missing" => Lang.T("未学", "missing"),
        _ => state,
    };

    public static string PriorityName(int priority) => priority switch
    {
        1 => Lang.T("本级必修", "required for the current level"),
        2 => Lang.T("下一级必修", "required for the next level"),
        _ => Lang.T("KPI 薄弱推荐", "recommended for a weak KPI"),
    };

    /// <summary>Why a course is next, from the engine's values: the level that requires it and the course's state, or
    /// the KPIs below target (by their names) in the months they were.</summary>
    public static string Reason(NextCourse n, SiteMetrics metrics) => n.Priority switch
    {
        1 or 2 => Lang.T($"{n.RequiredForLevel} 必修（{StateName(n.CourseState ?? "")}）", $"required for {n.RequiredForLevel} ({StateName(n.CourseState ?? "")})"),
        _ => Lang.T(
            $"{Months(n.WeakMonths, "、")} {string.Join("、", Codes(n.WeakMetrics).Select(metrics.Name))}未达标",
            $"{string.Join(", ", Codes(n.WeakMetrics).Select(metrics.Name))} below target in {Months(n.WeakMonths, ", ")}"),
    };

    private static IEnumerable<string> Codes(string? list) => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string Months(string? list, string separator) => string.Join(separator, Codes(list));

    public IActionResult OnGet(string? agent, string? upload)
    {
        Errors = upload == InboxUpload.TooLarge ? [InboxUpload.Text(inbox.TooLargeMessage)] : [];
        return Load(agent, paged: true) ? Page() : NotFound();
    }

    /// <summary>The matrix as CSV or Excel: one row per agent × required course with its state.</summary>
    public IActionResult OnGetExport(string? format)
    {
        Load(null);
        return Download(new ExportTable($"cskpi-training-{Period.Iso(AsOf)}",
            ["agent_id", "name", "team", "course_id", "title", "required_for", "state", "passed_on", "score", "expires_on", "attempts", "failures"],
            Matrix.Values.OrderBy(c => c.Team).ThenBy(c => c.AgentId).ThenBy(c => c.CourseId)
                .Select(c => new object?[] { c.AgentId, c.Name, c.Team, c.CourseId, c.Title, c.RequiredFor, c.State, c.PassedOn, c.Score, c.ExpiresOn, c.Attempts, c.Failures })
                .ToList()), format);
    }

    /// <summary>Course and training files to the inbox, then the ingest job (load, then recompute).</summary>
    public IActionResult OnPostUpload(List<IFormFile> files)
    {
        if (!MayUpload)
        {
            return Forbid();
        }

        var saved = inbox.Save(files, UploadKinds);
        // Courses and training only: HR's upload neither loads nor lists the other kinds waiting in the inbox.
        var run = saved.Messages.Count > 0 ? inbox.Run(UploadKinds) : new InboxUpload.Outcome([], []);
        Messages = [.. saved.Messages, .. run.Messages];
        Errors = [.. saved.Errors, .. run.Errors];
        Load(null, paged: true);
        return Page();
    }

    /// <summary>
    /// Reads the page as of the period's last day, held to the agents the viewer may see; false for an agent they may
    /// not. The engines answer for every agent of the warehouse, so what the viewer may see of them is kept per data
    /// version, day and viewer scope (<see cref="SitePage.Cached{T}"/>) and the page renders one page of agents
    /// (<paramref name="paged"/>; the download has them all).
    /// </summary>
    private bool Load(string? agent, bool paged = false)
    {
        AsOf = Period.DataTo;
        var scope = Scope;
        var day = Period.Iso(AsOf);
        var all = Cached($"training-agents|{day}", () => TrainingTracker.Agents(warehouse, AsOf)
            .Where(a => a.StoreId == scope.Store && (scope.Team is null || a.Team == scope.Team) && (scope.Agent is null || a.AgentId == scope.Agent))
            .ToList());
        var visible = all.Select(a => a.AgentId).ToHashSet(StringComparer.Ordinal);
        Catalogue = Cached("training-catalogue", () => TrainingTracker.Catalogue(warehouse));
        var cells = Cached($"training-matrix|{day}", () => TrainingTracker.Matrix(warehouse, AsOf).Where(c => visible.Contains(c.AgentId)).ToList());
        var used = cells.Select(c => c.CourseId).ToHashSet(StringComparer.Ordinal);
        MatrixCourses = Catalogue.Where(c => used.Contains(c.CourseId)).ToList();
        Expiring = Cached($"training-expiring|{day}", () => TrainingTracker.Expiring(warehouse, AsOf).Where(c => visible.Contains(c.AgentId)).ToList());
        var next = Cached($"training-next|{day}", () => TrainingTracker.NextToLearn(warehouse, AsOf).Where(n => visible.Contains(n.AgentId)).ToList());
        Agents = paged ? Paged(all) : all;
        // The matrix and the next courses of the agents shown (and of the one whose record is open).
        var shown = Agents.Select(a => a.AgentId).ToHashSet(StringComparer.Ordinal);
        if (agent is not null)
        {
            shown.Add(agent);
        }

        Matrix = cells.Where(c => !paged || shown.Contains(c.AgentId)).GroupBy(c => (c.AgentId, c.CourseId)).ToDictionary(g => g.Key, g => g.First());
        Next = next.Where(n => shown.Contains(n.AgentId)).ToLookup(n => n.AgentId, StringComparer.Ordinal);
        if (agent is null)
        {
            return true;
        }

        Selected = all.FirstOrDefault(a => a.AgentId == agent);
        if (Selected is null)
        {
            return false;
        }

        Record = TrainingTracker.Record(warehouse, agent, AsOf);
        return true;
    }
}
