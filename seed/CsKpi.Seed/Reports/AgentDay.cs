namespace CsKpi.Seed.Reports;

/// <summary>
/// What a CS tool's report would count for one agent over some days: sums only, so a month is the sum of its days and
/// every rate or mean a report prints is a ratio of two of them (docs/seed.md, "Agent performance reports").
/// </summary>
internal sealed class AgentDay
{
    /// <summary>(agent, buyer) pairs in which the buyer wrote that day (咨询人数).</summary>
    public long Consulted;
    /// <summary>Consultations that are not ads or pictures only (接待人数).</summary>
    public long Received;
    /// <summary>Receptions of presale questions to a presale agent (询单人数).</summary>
    public long Inquiries;
    /// <summary>Receptions with at least one answered question.</summary>
    public long Replied;
    public long BuyerMessages;
    public long AgentMessages;
    public long AutoMessages;
    /// <summary>Receptions whose first question was answered, and the seconds those first answers took.</summary>
    public long FirstResponses;
    public double FirstResponseSeconds;
    /// <summary>Answered questions (a run of buyer messages answered by the agent) and the seconds they waited.</summary>
    public long Answered;
    public double ResponseSeconds;
    /// <summary>Receptions with an answer slower than 60 seconds (慢响应人数).</summary>
    public long Slow;
    /// <summary>Gaps of up to ten minutes between the messages of replied receptions (接待时长).</summary>
    public double ReceptionSeconds;
    public long TransfersIn;
    public long TransfersOut;
    /// <summary>Inquiries of the day whose buyer ordered after it, paid by the end of the next day, and by the end of the third day.</summary>
    public long InquiriesOrdered;
    public long InquiriesPaidNextDay;
    public long InquiriesPaidFinal;
    /// <summary>Orders credited to the agent, counted on the day they were paid.</summary>
    public long SalesFen;
    public long SalesItems;
    public long SalesBuyers;
    public long SalesOrders;
    public long RefundedOrders;
    /// <summary>Receptions whose first question an agent answered within three minutes (3分钟人工响应率's numerator).</summary>
    public long FirstWithin3Min;
    /// <summary>Ratings by score, 1 (很不满意) to 5 (很满意); index 0 unused.</summary>
    public readonly long[] Ratings = new long[6];

    public bool IsEmpty => Consulted == 0 && AgentMessages == 0 && SalesBuyers == 0 && Ratings.All(r => r == 0);

    public void Add(AgentDay other)
    {
        Consulted += other.Consulted;
        Received += other.Received;
        Inquiries += other.Inquiries;
        Replied += other.Replied;
        BuyerMessages += other.BuyerMessages;
        AgentMessages += other.AgentMessages;
        AutoMessages += other.AutoMessages;
        FirstResponses += other.FirstResponses;
        FirstResponseSeconds += other.FirstResponseSeconds;
        Answered += other.Answered;
        ResponseSeconds += other.ResponseSeconds;
        Slow += other.Slow;
        ReceptionSeconds += other.ReceptionSeconds;
        TransfersIn += other.TransfersIn;
        TransfersOut += other.TransfersOut;
        InquiriesOrdered += other.InquiriesOrdered;
        InquiriesPaidNextDay += other.InquiriesPaidNextDay;
        InquiriesPaidFinal += other.InquiriesPaidFinal;
        SalesFen += other.SalesFen;
        SalesItems += other.SalesItems;
        SalesBuyers += other.SalesBuyers;
        SalesOrders += other.SalesOrders;
        FirstWithin3Min += other.FirstWithin3Min;
        RefundedOrders += other.RefundedOrders;
        for (var i = 0; i < Ratings.Length; i++)
        {
            Ratings[i] += other.Ratings[i];
        }
    }
}
