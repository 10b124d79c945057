namespace CsKpi.Warehouse.Planning;

/// <summary>What a queue with <see cref="Agents"/> agents offers: the chance a contact waits, the share answered
/// within the target time, and the mean wait.</summary>
/// <param name="IsStable">False when agents ≤ traffic: the queue grows without end, every contact waits, nobody is
/// answered within any target and the mean wait is infinite.</param>
public sealed record QueueOutcome(int Agents, double TrafficErlangs, double WaitProbability, double ServiceLevel,
    double AverageSpeedOfAnswerSeconds, bool IsStable);

/// <summary>
/// Erlang C (planning.md): contacts arriving at random, <c>c</c> agents, traffic A = arrival rate × handling time.
/// Computed through the Erlang B recursion B(k) = A·B(k−1) / (k + A·B(k−1)), C = c·B / (c − A·(1 − B)), which stays
/// between 0 and 1 at every step, so hundreds of agents neither overflow A^c nor c! the way the textbook formula does.
/// </summary>
public static class ErlangC
{
    /// <summary>Where <see cref="AgentsNeeded"/> gives up: no store staffs one hour with more.</summary>
    public const int MaxAgents = 100_000;

    /// <param name="trafficErlangs">A = arrivals per second × handling seconds.</param>
    /// <param name="agents">c, the agents answering.</param>
    /// <param name="handlingSeconds">The (effective) handling time of one contact.</param>
    /// <param name="answerSeconds">The target: answered within this many seconds.</param>
    public static QueueOutcome Evaluate(double trafficErlangs, int agents, double handlingSeconds, double answerSeconds)
    {
        Check(trafficErlangs, handlingSeconds, answerSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        var erlangB = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            erlangB = NextErlangB(erlangB, trafficErlangs, k);
        }

        return Outcome(trafficErlangs, agents, erlangB, handlingSeconds, answerSeconds);
    }

    /// <summary>
    /// The fewest agents that answer <paramref name="serviceLevel"/> of contacts within <paramref name="answerSeconds"/>;
    /// 0 when nothing arrives.
    /// </summary>
    public static QueueOutcome AgentsNeeded(double trafficErlangs, double handlingSeconds, double serviceLevel, double answerSeconds)
    {
        Check(trafficErlangs, handlingSeconds, answerSeconds);
        if (serviceLevel is <= 0 or >= 1 || double.IsNaN(serviceLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(serviceLevel), serviceLevel,
                "the service level is a share above 0 and below 1, e.g. 0.8 for 80 % answered within the target");
        }

        if (trafficErlangs == 0)
        {
            return new QueueOutcome(0, 0, 0, 1, 0, IsStable: true);
        }

        // B(c) follows from B(c−1), so trying c = 1, 2, … costs one step each.
        var erlangB = 1.0;
        for (var agents = 1; agents <= MaxAgents; agents++)
        {
            erlangB = NextErlangB(erlangB, trafficErlangs, agents);
            if (agents <= trafficErlangs)
            {
                continue;
            }

            var outcome = Outcome(trafficErlangs, agents, erlangB, handlingSeconds, answerSeconds);
            if (outcome.ServiceLevel >= serviceLevel)
            {
                return outcome;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(trafficErlangs), trafficErlangs,
            $"more than {MaxAgents} agents would be needed; check the arrivals and the handling time");
    }

    private static double NextErlangB(double previous, double traffic, int agents) =>
        traffic * previous / (agents + traffic * previous);

    private static QueueOutcome Outcome(double traffic, int agents, double erlangB, double handlingSeconds, double answerSeconds)
    {
        if (agents <= traffic)
        {
            return new QueueOutcome(agents, traffic, 1, 0, double.PositiveInfinity, IsStable: false);
        }

        var wait = agents * erlangB / (agents - traffic * (1 - erlangB));
        var serviceLevel = 1 - wait * Math.Exp(-(agents - traffic) * answerSeconds / handlingSeconds);
        var speedOfAnswer = wait * handlingSeconds / (agents - traffic);
        return new QueueOutcome(agents, traffic, wait, serviceLevel, speedOfAnswer, IsStable: true);
    }

    private static void Check(double trafficErlangs, double handlingSeconds, double answerSeconds)
    {
        if (trafficErlangs < 0 || !double.IsFinite(trafficErlangs))
        {
            throw new ArgumentOutOfRangeException(nameof(trafficErlangs), trafficErlangs, "traffic is 0 or more Erlangs");
        }

        if (handlingSeconds <= 0 || !double.IsFinite(handlingSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(handlingSeconds), handlingSeconds, "the handling time is more than 0 seconds");
        }

        if (answerSeconds < 0 || !double.IsFinite(answerSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(answerSeconds), answerSeconds, "the answer target is 0 seconds or more");
        }
    }
}
