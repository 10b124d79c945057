using CsKpi.Seed.Generation;
using CsKpi.Seed.People;

namespace CsKpi.Seed.Reports;

/// <summary>What kind of conversation the generator is writing: a report counts ads and pictures-only buyers apart.</summary>
internal enum Conversation { Presale, Aftersale, Ad, NoText }

/// <summary>
/// Counts, as the generator writes them, the messages, orders and ratings of one partition per agent and day, the way a
/// CS tool's report counts them (<see cref="AgentDay"/>). It only watches: it draws no random numbers, so the chats,
/// orders and ratings are the same with or without reports. A day here is the calendar day of the message.
/// </summary>
internal sealed class ReportTally
{
    /// <summary>A gap longer than this ends the reception time (the warehouse's default max_wait_minutes).</summary>
    private const double MaxWaitSeconds = 600;
    /// <summary>An answer slower than this is slow (the warehouse's default slow_seconds).</summary>
    private const double SlowSeconds = 60;
    /// <summary>询单->最终付款: paid by the end of the inquiry's day plus this many days (final_payment_days).</summary>
    private const int FinalPaymentDays = 3;

    private sealed class Pair
    {
        public required Agent Agent;
        public Conversation Kind;
        public long BuyerMessages, AgentMessages, AutoMessages, Answered, Slow;
        public double ResponseSeconds, ReceptionSeconds;
        public double? FirstResponse;
        public bool FirstQuestionOpen = true;
        public DateTime? Waiting, Last;
        public bool Ordered, PaidNextDay, PaidFinal;
    }

    private readonly Dictionary<(string Agent, string Buyer, int Day), Pair> _pairs = [];
    private readonly Dictionary<(string Agent, int Day), AgentDay> _days = [];
    private readonly HashSet<(string Agent, string Buyer, int Day)> _salesBuyers = [];

    /// <summary>The kind of the conversation whose messages come next.</summary>
    public Conversation Current { get; set; }

    public void Message(Agent agent, string buyer, string sender, DateTime at)
    {
        var day = DateOnly.FromDateTime(at).DayNumber;
        var key = (agent.AgentId, buyer, day);
        if (!_pairs.TryGetValue(key, out var pair))
        {
            _pairs[key] = pair = new Pair { Agent = agent, Kind = Current };
        }

        if (pair.Last is { } last && at > last && (at - last).TotalSeconds <= MaxWaitSeconds)
        {
            pair.ReceptionSeconds += (at - last).TotalSeconds;
        }

        if (pair.Last is null || at > pair.Last)
        {
            pair.Last = at;
        }

        switch (sender)
        {
            case "buyer":
                pair.BuyerMessages++;
                pair.Waiting ??= at;
                break;
            case "agent":
                pair.AgentMessages++;
                if (pair.Waiting is { } since && at >= since)
                {
                    // A run of buyer messages answered: one question, timed from its first message.
                    var seconds = (at - since).TotalSeconds;
                    pair.Answered++;
                    pair.ResponseSeconds += seconds;
                    pair.Slow += seconds > SlowSeconds ? 1 : 0;
                    if (pair.FirstQuestionOpen)
                    {
                        pair.FirstResponse = seconds;
                    }

                    pair.FirstQuestionOpen = false;
                    pair.Waiting = null;
                }

                break;
            case "auto":
                pair.AutoMessages++;
                break;
        }
    }

    /// <summary>The buyer passed from one agent to another: the colleague's consultation is a transfer in.</summary>
    public void Transfer(Agent from, Agent to, string buyer, DateTime at)
    {
        var day = DateOnly.FromDateTime(at).DayNumber;
        Day(from, day).TransfersOut++;
        Day(to, day).TransfersIn++;
    }

    /// <summary>An order the buyer placed after talking with <paramref name="agent"/> on <paramref name="day"/>: credited to that agent.</summary>
    public void Order(Agent agent, DateOnly day, Order order)
    {
        if (_pairs.TryGetValue((agent.AgentId, order.BuyerId, day.DayNumber), out var pair))
        {
            pair.Ordered = true;
            if (order.PaidAt is { } paid)
            {
                pair.PaidNextDay |= paid < day.AddDays(2).ToDateTime(TimeOnly.MinValue);
                pair.PaidFinal |= paid < day.AddDays(1 + FinalPaymentDays).ToDateTime(TimeOnly.MinValue);
            }
        }

        if (order.PaidAt is { } paidAt)
        {
            var paidDay = DateOnly.FromDateTime(paidAt).DayNumber;
            var sales = Day(agent, paidDay);
            sales.SalesFen += order.AmountFen;
            sales.SalesItems += order.Items;
            sales.SalesBuyers += _salesBuyers.Add((agent.AgentId, order.BuyerId, paidDay)) ? 1 : 0;
            sales.SalesOrders++;
            sales.RefundedOrders += order.RefundFen > 0 ? 1 : 0;
        }
    }

    public void Rating(Agent agent, DateTime at, int score) => Day(agent, DateOnly.FromDateTime(at).DayNumber).Ratings[score]++;

    /// <summary>The agent-days of the partition, each consultation counted on the day its messages were written.</summary>
    public Dictionary<(string Agent, int Day), AgentDay> Finish()
    {
        foreach (var ((_, _, dayNumber), pair) in _pairs)
        {
            var day = Day(pair.Agent, dayNumber);
            if (pair.BuyerMessages == 0)
            {
                continue; // an agent's message to a buyer who did not write that day (a payment reminder) is no consultation
            }

            day.Consulted++;
            if (pair.Kind is Conversation.Ad or Conversation.NoText)
            {
                continue;
            }

            day.Received++;
            day.BuyerMessages += pair.BuyerMessages;
            day.AgentMessages += pair.AgentMessages;
            day.AutoMessages += pair.AutoMessages;
            day.Answered += pair.Answered;
            day.ResponseSeconds += pair.ResponseSeconds;
            day.Slow += pair.Slow > 0 ? 1 : 0;
            if (pair.FirstResponse is { } first)
            {
                day.FirstResponses++;
                day.FirstResponseSeconds += first;
                day.FirstWithin3Min += first <= 180 ? 1 : 0;
            }

            if (pair.Answered > 0)
            {
                day.Replied++;
                day.ReceptionSeconds += pair.ReceptionSeconds;
            }

            if (pair.Kind == Conversation.Presale && pair.Agent.Role != AgentRole.Aftersale)
            {
                day.Inquiries++;
                day.InquiriesOrdered += pair.Ordered ? 1 : 0;
                day.InquiriesPaidNextDay += pair.PaidNextDay ? 1 : 0;
                day.InquiriesPaidFinal += pair.PaidFinal ? 1 : 0;
            }
        }

        _pairs.Clear();
        return _days;
    }

    private AgentDay Day(Agent agent, int day)
    {
        if (!_days.TryGetValue((agent.AgentId, day), out var agentDay))
        {
            _days[(agent.AgentId, day)] = agentDay = new AgentDay();
        }

        return agentDay;
    }
}
