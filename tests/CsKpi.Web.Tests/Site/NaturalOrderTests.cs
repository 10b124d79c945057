using CsKpi.Web.Site;

namespace CsKpi.Web.Tests.Site;

public sealed class NaturalOrderTests
{
    [Fact]
    public void Teams_sort_as_people_count_them_in_chinese_numerals_and_digits()
    {
        string[] teams = ["售前三组", "售后组", "售前十一组", "售前二组", "售前十组", "售前一组", "售后二组", "2组", "10组"];

        var sorted = teams.Order(NaturalOrder.Instance).ToList();

        Assert.Equal(["2组", "10组", "售前一组", "售前二组", "售前三组", "售前十组", "售前十一组", "售后组", "售后二组"], sorted);
    }
}
