using CsKpi.Seed.Generation;

namespace CsKpi.Seed.Layouts;

/// <summary>An order's state in a platform export taken at <see cref="At"/>, with the details the platform shows.</summary>
internal sealed record ExportedOrder(OrderState State, OrderDetails Details, DateTime At)
{
    public Order Order => State.Order;

    /// <summary>Whether the money went back in full (the platforms show that as a closed or cancelled order).</summary>
    public bool FullyRefunded => State.RefundFen > 0 && State.RefundFen == Order.AmountFen;

    /// <summary>Where the parcel was at <paramref name="when"/>, refunds aside: paid (not shipped), shipped, completed; as <see cref="Order.StateAt"/>.</summary>
    public string StageAt(DateTime when) => (when - State.PaidAt!.Value) switch
    {
        var age when age < TimeSpan.FromDays(1) => "paid",
        var age when age < TimeSpan.FromDays(5) => "shipped",
        _ => "completed",
    };

    /// <summary>The stage the export shows when the refund is not a full one: where the parcel is now.</summary>
    public string Stage => StageAt(At);

    public DateTime? ShippedAt => State.PaidAt is { } p && Stage != "paid" ? p.AddHours(20) : null;

    public DateTime? CompletedAt => State.PaidAt is { } p && Stage == "completed" ? p.AddDays(5) : null;
}

/// <summary>Writes a month's (or the late updates') orders of one store in the layout's export form.</summary>
internal static class PlatformOrders
{
    /// <summary>
    /// Writes the export and returns it. The file's name carries <paramref name="fileTime"/> (the export's minute,
    /// unique per store and export); its rows show the orders as they stood at <paramref name="at"/>.
    /// </summary>
    public static SeedFile Write(Layout layout, string directory, StoreModel store, SeedOptions options, DateTime at, DateTime fileTime,
        IEnumerable<OrderState> states)
    {
        var orders = states.Select(s => new ExportedOrder(s, OrderDetails.Of(s.Order, store, options.Seed), at)).ToList();
        var (name, rows) = layout switch
        {
            Layout.Taobao => TaobaoOrderReport.Write(directory, store, fileTime, orders),
            Layout.Jd => JdOrderExport.Write(directory, store, fileTime, orders),
            Layout.Pdd => PddOrderExport.Write(directory, store, fileTime, orders),
            Layout.Douyin => DouyinOrderExport.Write(directory, store, fileTime, orders),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), "the contract's orders are written by PartitionGenerator"),
        };
        return new SeedFile(name, "orders", rows);
    }

    /// <summary>The store's inbox sub-folder, for exports without a store column; the manifest names files with '/'.</summary>
    public static string StoreFolder(string directory, StoreModel store)
    {
        var folder = Path.Combine(directory, store.StoreId);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
