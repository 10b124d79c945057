using System.Globalization;
using System.Text.Encodings.Web;
using CsKpi.Etl;
using CsKpi.Web.Site;
using Microsoft.AspNetCore.Html;

namespace CsKpi.Web.Tests.Site;

/// <summary>
/// The ETL's reasons worded from their codes (<see cref="EtlWords"/>): every code the loader can store has its Chinese
/// beside the loader's English, with the same values; each language's words are that language's alone (the values and
/// the file's own words shown as code, which the language walk does not read as words).
/// </summary>
public sealed class EtlWordsTests
{
    private static string In(string culture, Func<IHtmlContent> word)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            using var writer = new StringWriter();
            word().WriteTo(writer, HtmlEncoder.Default);
            return writer.ToString();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    [Fact]
    public void Every_code_has_chinese_with_the_same_values_as_its_english()
    {
        Assert.Equal(EtlReasons.English.Keys.Order(StringComparer.Ordinal), EtlWords.Chinese.Keys.Order(StringComparer.Ordinal));
        foreach (var (code, english) in EtlReasons.English)
        {
            Assert.True(
                EtlReasons.Placeholders(english).ToHashSet().SetEquals(EtlReasons.Placeholders(EtlWords.Chinese[code])),
                $"{code}: English puts in {string.Join(", ", EtlReasons.Placeholders(english))}, Chinese {string.Join(", ", EtlReasons.Placeholders(EtlWords.Chinese[code]))}");
        }
    }

    [Fact]
    public void Each_language_shows_only_its_own_words_around_the_values()
    {
        var leaks = new List<string>();
        foreach (var code in EtlReasons.English.Keys)
        {
            // Every value a code takes, as a nested code where the template words one (a content kind, an advice).
            IHtmlContent Word() => EtlWords.FileReason(code, """{"content":"content.zip","advice":"advice.gzip","what":"empty.bom_only","outcome":"outcome.loaded"}""", null);
            var zh = LanguageWalkTests.VisibleText(In("zh-CN", Word));
            var en = LanguageWalkTests.VisibleText(In("en-US", Word));
            leaks.AddRange(LanguageWalkTests.EnglishLeaks(zh, []).Select(w => $"zh {code}: {w}"));
            leaks.AddRange(LanguageWalkTests.ChineseLeaks(en, []).Select(w => $"en {code}: {w}"));
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public void A_row_reject_is_worded_in_both_languages_with_its_column_value_and_args_as_code()
    {
        IHtmlContent Reject() => EtlWords.RowReason("orders.refund_amount.above_amount", """{"amount":"10.00"}""", "refund_amount", "20.00", "stored");

        Assert.Equal("<code>refund_amount</code> 为 <code>20.00</code>，超过实付金额（<code>10.00</code>）；退款最多等于实付金额", In("zh-CN", Reject));
        Assert.Equal("<code>refund_amount</code> <code>20.00</code> is above the amount paid (<code>10.00</code>); a refund is at most the amount", In("en-US", Reject));
    }

    [Fact]
    public void A_files_reason_words_its_nested_codes_and_notes_are_joined_in_the_viewers_language()
    {
        var reason = new EtlReason("file.really", ("label", ".csv"), ("content", "content.zip"), ("advice", "advice.zip"));
        IHtmlContent Why() => EtlWords.Reason(reason, reason.Text());
        IHtmlContent Notes() => EtlWords.Notes(EtlReason.ListJson([new EtlReason("note.no_buyer_column"), new EtlReason("note.store_folder", ("store", "朵朵云"))]), "stored");

        Assert.Equal("这个 <code>.csv</code> 文件实际上是 <code>zip</code> 压缩包；请解压，把里面的文件放入收件箱", In("zh-CN", Why));
        Assert.Equal("this <code>.csv</code> file is really a zip archive; unzip it and drop the files inside into the inbox", In("en-US", Why));
        Assert.StartsWith("文件没有买家列", In("zh-CN", Notes), StringComparison.Ordinal);
        Assert.EndsWith("；店铺 <code>朵朵云</code>（文件夹 <code>朵朵云</code><code>/</code>）", In("zh-CN", Notes), StringComparison.Ordinal);
        Assert.EndsWith("; store <code>朵朵云</code> (folder <code>朵朵云</code>/)", In("en-US", Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_stored_before_its_code_shows_its_stored_text()
    {
        Assert.Equal("<span lang=\"en\">sender is empty</span>", In("zh-CN", () => EtlWords.RowReason(null, null, "sender", "", "sender is empty")));
        Assert.Equal("", In("zh-CN", () => EtlWords.Notes(null, null)));
    }
}
