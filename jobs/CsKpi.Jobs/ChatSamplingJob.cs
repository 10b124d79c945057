using System.Globalization;
using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Jobs;

/// <summary>What one run of the weekly sampling did.</summary>
/// <param name="Picked">receptions this run added to the sample.</param>
/// <param name="AgentsAlreadySampled">agents of the week that had a sample before this run and kept it.</param>
/// <param name="SampleSize">receptions in the week's sample after the run.</param>
public sealed record SamplingResult(DateOnly WeekStart, int Picked, int AgentsAlreadySampled, int AgentsSampled, int SampleSize);

/// <summary>
/// The weekly chat sampling (抽查聊天记录): picks receptions of every agent of an ISO week for review
/// (<c>sql/app/review_sample.sql</c>). Thin and safe to retry: the picks are deterministic, an agent sampled for the
/// week keeps its sample and a reception is never picked twice, so a doubled or retried run changes nothing.
/// </summary>
public static class ChatSamplingJob
{
    public static SamplingResult Run(WarehouseDatabase warehouse, DateOnly weekStart)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        if (weekStart.DayOfWeek != DayOfWeek.Monday)
        {
            var monday = weekStart.AddDays(-(((int)weekStart.DayOfWeek + 6) % 7));
            throw new ArgumentException(
                $"{weekStart:yyyy-MM-dd} is a {weekStart.DayOfWeek}; a sample week starts on a Monday, e.g. {monday:yyyy-MM-dd}",
                nameof(weekStart));
        }

        var week = new { week_start = weekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        const string agentsSampled = "select count(distinct (store_id, agent_id)) from app.review_sample where week_start = $week_start::date";
        using var connection = warehouse.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var before = connection.ExecuteScalar<long>(agentsSampled, week, transaction);
        var picked = connection.Execute(SqlScripts.Get("app/review_sample.sql"), week, transaction);
        var after = connection.ExecuteScalar<long>(agentsSampled, week, transaction);
        var size = connection.ExecuteScalar<long>("select count(*) from app.review_sample where week_start = $week_start::date", week, transaction);
        transaction.Commit();
        return new SamplingResult(weekStart, picked, (int)before, (int)after, (int)size);
    }

    /// <summary>
    /// Whether the ISO week starting <paramref name="weekStart"/> is over on <paramref name="today"/> (its Sunday is
    /// behind us): only such a week is sampled, since a week still running would be judged on part of its receptions.
    /// </summary>
    public static bool HasEnded(DateOnly weekStart, DateOnly today) => weekStart.AddDays(7) <= today;

    /// <summary>The Monday of the last whole ISO week before <paramref name="today"/>: what a Monday-morning run samples.</summary>
    public static DateOnly LastWholeWeek(DateOnly today) => today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
}
