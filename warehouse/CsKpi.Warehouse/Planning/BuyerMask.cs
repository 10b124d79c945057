using System.Text.RegularExpressions;

namespace CsKpi.Warehouse.Planning;

/// <summary>
/// How a buyer is shown to anyone on the site (reviews, the agent page, its downloads): the buyer's id as its first
/// and last character around ***, and mobile numbers in a message cut to 138****5678. One rule, so a nickname hidden
/// on /reviews is not shown in full on the agent page. The conversation of a review applies the same rule in SQL
/// (<see cref="ChatReviews.Load"/>).
/// </summary>
public static partial class BuyerMask
{
    /// <summary>First and last character around ***, or *** when the id is that short.</summary>
    public static string Buyer(string buyerId)
    {
        ArgumentNullException.ThrowIfNull(buyerId);
        var runes = buyerId.EnumerateRunes().ToList();
        return runes.Count <= 2 ? "***" : string.Concat(runes[0].ToString(), "***", runes[^1].ToString());
    }

    /// <summary>A message's text with the buyer's id masked wherever it appears and mobile numbers cut.</summary>
    public static string? Text(string? content, string buyerId)
    {
        ArgumentNullException.ThrowIfNull(buyerId);
        if (content is null)
        {
            return null;
        }

        var named = buyerId.Length == 0 ? content : content.Replace(buyerId, Buyer(buyerId), StringComparison.Ordinal);
        return Mobile().Replace(named, "$1****$2");
    }

    [GeneratedRegex("(1[3-9][0-9])[0-9]{4}([0-9]{4})")]
    private static partial Regex Mobile();
}
