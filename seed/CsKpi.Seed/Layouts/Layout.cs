namespace CsKpi.Seed.Layouts;

/// <summary>
/// How the seed spells the files a store has (docs/seed.md): the data contract's own files, or one platform's order
/// export with the HR files kept in Excel. Chats and ratings are always in the contract (and <c>--format</c>).
/// </summary>
public enum Layout
{
    Contract,
    /// <summary>淘宝/天猫 订单报表 ExportOrderList….csv: GBK, every field quoted, ids as ="…".</summary>
    Taobao,
    /// <summary>京东 订单导出: GBK CSV, one row per SKU, no store column (the store's inbox sub-folder names it).</summary>
    Jd,
    /// <summary>拼多多 订单导出: .xlsx, (元) in the headers, no store column.</summary>
    Pdd,
    /// <summary>抖店 订单导出: UTF-8 with BOM, ids with a leading tab, - for empty, one row per sub-order.</summary>
    Douyin,
}

public static class LayoutExtensions
{
    public static Layout Parse(string text) => text.ToLowerInvariant() switch
    {
        "contract" => Layout.Contract,
        "taobao" or "tmall" => Layout.Taobao,
        "jd" => Layout.Jd,
        "pdd" => Layout.Pdd,
        "douyin" => Layout.Douyin,
        _ => throw new ArgumentException($"--layout '{text}' is not one of contract, taobao, jd, pdd, douyin"),
    };

    public static string Name(this Layout layout) => layout.ToString().ToLowerInvariant();

    /// <summary>Whether a kind is written in the data contract's own format (else in the layout's own form).</summary>
    public static bool InContract(this Layout layout, string kind) => layout == Layout.Contract || kind is "chats" or "ratings";
}
