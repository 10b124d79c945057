namespace CsKpi.Seed;

/// <summary>Shops the seed invents: the store_id is the shop's name, the prefix its main-account name.</summary>
public static class StoreNames
{
    private static readonly (string Id, string Prefix, string Category)[] Shops =
    [
        ("朵朵云旗舰店", "朵朵云", "apparel"),
        ("暖居家纺专营店", "暖居", "home"),
        ("小鹿母婴旗舰店", "小鹿", "baby"),
        ("山野茶舍", "山野", "food"),
        ("极光数码专营店", "极光", "digital"),
        ("青禾美妆旗舰店", "青禾", "beauty"),
        ("木子鞋履", "木子", "apparel"),
        ("拾光家居旗舰店", "拾光", "home"),
        ("橙果零食铺", "橙果", "food"),
        ("星河运动专营店", "星河", "apparel"),
        ("蓝鲸宠物用品", "蓝鲸", "home"),
        ("云朵内衣旗舰店", "云朵", "apparel"),
        ("匠心厨具专营店", "匠心", "home"),
        ("萌芽童装", "萌芽", "baby"),
        ("鹿角户外旗舰店", "鹿角", "apparel"),
        ("百草养生馆", "百草", "food"),
        ("繁星饰品", "繁星", "beauty"),
        ("风铃家电专营店", "风铃", "digital"),
        ("知了文具旗舰店", "知了", "home"),
        ("海盐个护专营店", "海盐", "beauty"),
    ];

    public static int Count => Shops.Length;

    public static (string Id, string Prefix, string Category) Get(int index) => Shops[index];
}
