namespace CsKpi.Seed.Generation;

/// <summary>An order as it really happened; <see cref="StateAt"/> is what an export taken at a moment shows.</summary>
internal sealed record Order(string OrderId, string BuyerId, DateTime CreatedAt, DateTime? PaidAt, long AmountFen, int Items,
    long RefundFen, DateTime? RefundedAt)
{
    /// <summary>Unpaid orders close after three days, as the platforms do.</summary>
    public static readonly TimeSpan CloseUnpaidAfter = TimeSpan.FromDays(3);

    public OrderState StateAt(DateTime exportedAt)
    {
        var paid = PaidAt is { } p && p < exportedAt ? p : (DateTime?)null;
        if (paid is null)
        {
            return exportedAt - CreatedAt >= CloseUnpaidAfter
                ? new OrderState(this, null, "closed", 0, null, CreatedAt + CloseUnpaidAfter)
                : new OrderState(this, null, "created", 0, null, CreatedAt);
        }

        if (RefundedAt is { } r && r < exportedAt)
        {
            return new OrderState(this, paid, "refunded", RefundFen, r, r);
        }

        var age = exportedAt - paid.Value;
        return age < TimeSpan.FromDays(1) ? new OrderState(this, paid, "paid", 0, null, paid.Value)
            : age < TimeSpan.FromDays(5) ? new OrderState(this, paid, "shipped", 0, null, paid.Value.AddHours(20))
            : new OrderState(this, paid, "completed", 0, null, paid.Value.AddDays(5));
    }
}

internal sealed record OrderState(Order Order, DateTime? PaidAt, string Status, long RefundFen, DateTime? RefundedAt, DateTime UpdatedAt)
{
    /// <summary>Whether a later export shows a change the metrics care about (payment or refund).</summary>
    public bool DiffersInMoney(OrderState later) => PaidAt != later.PaidAt || RefundFen != later.RefundFen;
}
