using CsKpi.Warehouse;
using CsKpi.Warehouse.Career;

namespace CsKpi.Jobs;

/// <summary>
/// The review of the half just ended, which the scheduler runs on Jul 1 and Jan 1 at 00:30 Asia/Shanghai: brings the
/// marts up to date with what was loaded, then reviews. Safe to retry: a second run rewrites the same pending
/// proposals and leaves decided ones alone.
/// </summary>
public static class HalfReviewJob
{
    /// <summary>Reviews the half that ended most recently before <paramref name="today"/> (default: today in Asia/Shanghai).</summary>
    public static HalfReviewResult Run(WarehouseDatabase warehouse, DateOnly? today = null)
    {
        var day = today ?? HalfYear.Today();
        return Run(warehouse, HalfYear.LastEndedBefore(day), day);
    }

    /// <summary>Reviews <paramref name="half"/>, after recomputing what the loads since the last recompute touched.</summary>
    public static HalfReviewResult Run(WarehouseDatabase warehouse, HalfYear half, DateOnly? today = null)
    {
        var recompute = MartRecompute.Incremental(warehouse);
        if (recompute.Failures.Count > 0)
        {
            throw new InvalidOperationException(
                $"the marts failed their checks, so the review of {half} was not run: {string.Join("; ", recompute.Failures)}");
        }

        return HalfReview.Run(warehouse, half, today);
    }
}
