using System.Text.Json;
using CsKpi.Warehouse.Career;

namespace CsKpi.Jobs.Tests.Career;

public sealed class HalfReviewJobTests : IDisposable
{
    private readonly CareerBed career = new();

    public HalfReviewJobTests() =>
        career.Agent("a", "2025-07-01", "L1", "0.90").Scores("a", "2026-01", 90, 90, 90, 90, 90, 90).Load();

    public void Dispose() => career.Dispose();

    [Theory]
    [InlineData("2026-07-01", "2026H1")]
    [InlineData("2026-12-31", "2026H1")]
    [InlineData("2027-01-01", "2026H2")]
    [InlineData("2026-06-30", "2025H2")]
    public void The_half_just_ended_is_the_one_before_the_days_half(string day, string half) =>
        Assert.Equal(half, HalfYear.LastEndedBefore(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Fact]
    public void Run_on_July_1st_reviews_H1_and_a_doubled_run_leaves_the_same_result()
    {
        var first = HalfReviewJob.Run(career.Bed.Warehouse, new DateOnly(2026, 7, 1));
        var second = HalfReviewJob.Run(career.Bed.Warehouse, new DateOnly(2026, 7, 1));

        Assert.Equal("2026H1", first.Half.ToString());
        // no course in the catalogue: nothing is required, so avg 90 after 12 months at L1 promotes
        Assert.Equal(("a", "promote", "L2"), (first.Proposals.Single().AgentId, first.Proposals.Single().Action, first.Proposals.Single().ProposedLevel));
        Assert.Equal(
            JsonSerializer.Serialize(first.Proposals.Select(p => p with { ReviewedAt = default })),
            JsonSerializer.Serialize(second.Proposals.Select(p => p with { ReviewedAt = default })));
        Assert.Equal(1, career.Bed.Scalar<long>("select count(*) from app.review_proposal"));
    }

    [Fact]
    public void A_half_not_yet_ended_is_refused()
    {
        var error = Assert.Throws<HalfNotEndedException>(() => HalfReview.Run(career.Bed.Warehouse, HalfYear.Parse("2026H2"), new DateOnly(2026, 12, 31)));

        Assert.Equal("2026H2 has not ended yet (it runs 2026-07-01 to 2026-12-31); its review can run from 2027-01-01.", error.Message);
        // the half as a value too, for the site to say in its reader's language
        Assert.Equal(HalfYear.Parse("2026H2"), error.Half);
        Assert.Equal(0, career.Bed.Scalar<long>("select count(*) from app.review_proposal"));
    }
}
