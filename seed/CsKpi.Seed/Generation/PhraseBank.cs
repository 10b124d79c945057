namespace CsKpi.Seed.Generation;

/// <summary>
/// What buyers and agents say, in Chinese, by topic. Templates with {p} are expanded once per store and product,
/// so messages are shared string instances: cheap to write millions of times. A conversation is about one product:
/// the buyer asks about it and the agent answers about it (never 衬衫 asked, 连衣裙 answered).
/// </summary>
internal sealed class PhraseBank
{
    public enum Topic
    {
        Size,
        Stock,
        Shipping,
        Discount,
        Product,
        Returns,
        Logistics,
        RefundStatus,
    }

    public static readonly Topic[] PresaleTopics = [Topic.Size, Topic.Stock, Topic.Shipping, Topic.Discount, Topic.Product];
    public static readonly Topic[] AftersaleTopics = [Topic.Returns, Topic.Logistics, Topic.RefundStatus];

    private static readonly Dictionary<string, string[]> ProductsByCategory = new()
    {
        ["apparel"] = ["纯棉T恤", "牛仔裤", "连衣裙", "卫衣", "羽绒服", "衬衫", "运动裤", "针织开衫"],
        ["home"] = ["四件套", "乳胶枕", "蚕丝被", "收纳箱", "毛巾", "地毯", "窗帘", "保温杯"],
        ["baby"] = ["纸尿裤", "奶瓶", "婴儿湿巾", "爬行垫", "儿童餐椅", "连体衣", "安抚奶嘴", "辅食机"],
        ["food"] = ["坚果礼盒", "龙井茶", "牛肉干", "蜂蜜", "红枣", "燕麦片", "挂耳咖啡", "芒果干"],
        ["digital"] = ["蓝牙耳机", "充电宝", "数据线", "机械键盘", "鼠标", "手机壳", "智能手表", "移动硬盘"],
        ["beauty"] = ["面膜", "精华液", "防晒霜", "口红", "洗面奶", "眼霜", "卸妆水", "身体乳"],
    };

    /// <summary>Every product of every category (tests find which one a message names).</summary>
    internal static IEnumerable<string> AllProducts => ProductsByCategory.Values.SelectMany(p => p);

    private static readonly string[] Greetings = ["在吗", "你好", "亲，在吗？", "有人吗", "老板在吗", "您好", "hello", "在不在"];

    private static readonly Dictionary<Topic, string[]> BuyerTemplates = new()
    {
        [Topic.Size] = ["{p}我身高165体重110斤穿什么码", "{p}偏大还是偏小？", "{p}M码和L码差别大吗", "这款{p}有尺码表吗", "我平时穿L，{p}拍哪个码"],
        [Topic.Stock] = ["{p}还有货吗", "{p}黑色什么时候补货？", "{p}现货还是预售", "{p}还能买到吗", "{p}库存还多吗"],
        [Topic.Shipping] = ["{p}今天下单什么时候发货？", "发什么快递？", "能发顺丰吗", "{p}几天能到北京", "包邮吗"],
        [Topic.Discount] = ["{p}有优惠券吗", "满减怎么算的？", "能便宜点吗", "{p}买两件有优惠吗", "会员有折扣吗", "{p}大促还会降价吗"],
        [Topic.Product] = ["{p}是什么材质的", "{p}会掉色吗", "{p}和上一款有什么区别", "{p}适合送人吗", "{p}保质期多久", "{p}有赠品吗"],
        [Topic.Returns] = ["收到的{p}有瑕疵，可以退吗", "{p}怎么申请退货？", "{p}不合适能换吗", "退货运费谁出", "{p}少发了一件"],
        [Topic.Logistics] = ["我的{p}怎么还没到", "物流三天没更新了", "快递显示签收了但我没收到", "能改一下收货地址吗"],
        [Topic.RefundStatus] = ["退款什么时候到账", "我的退款怎么还没处理", "退货已经寄回了，什么时候退款", "仅退款可以吗"],
    };

    private static readonly Dictionary<Topic, string[]> AgentTemplates = new()
    {
        [Topic.Size] = ["亲，根据您的身高体重建议拍M码哦", "{p}是标准码，按平时尺码拍就可以的呢", "亲，详情页有尺码表，您可以对照一下哦", "偏瘦的话建议拍小一码呢"],
        [Topic.Stock] = ["亲，{p}现在有现货的哦，下单后48小时内发货", "这个颜色预计下周补货，可以先拍下预售哦", "有的呢亲，库存不多了，喜欢的话尽快下单哦"],
        [Topic.Shipping] = ["亲，今天16点前下单当天发货哦", "默认发中通，顺丰需要补差价哦", "一般3天左右就能到呢", "全国包邮的哦（偏远地区除外）"],
        [Topic.Discount] = ["亲，店铺首页可以领满200减20的券哦", "现在下单还送运费险呢", "买两件第二件半价哦", "亲，这已经是活动价了呢，很划算的"],
        [Topic.Product] = ["亲，{p}是精选材质的，品质有保障哦", "{p}不会掉色的，放心购买呢", "这款是今年的新款，做工升级了哦", "有的亲，现在下单送小礼品呢"],
        [Topic.Returns] = ["非常抱歉给您带来不便，支持七天无理由退换哦", "亲，在订单页面点申请售后就可以了", "麻烦您拍个照片，我这边马上帮您处理", "质量问题的退货运费由我们承担哦"],
        [Topic.Logistics] = ["亲，帮您查询了一下，包裹已经到您所在城市了，今天会派送哦", "已经帮您联系快递催件了", "亲，我这边登记一下，帮您核实后回复您"],
        [Topic.RefundStatus] = ["退款会在仓库签收后1-3个工作日原路退回哦", "亲，已经帮您加急处理了", "仅退款需要先申请，我这边马上同意"],
    };

    private static readonly string[] BuyerFollowUps = ["好的", "嗯嗯", "那我拍了", "谢谢", "知道了", "可以", "那好吧", "ok", "我再看看", "好的谢谢"];
    private static readonly string[] AgentClosings = ["不客气哦，有问题随时找我", "好的亲，祝您购物愉快", "亲，有需要随时联系我们哦", "感谢支持，期待您的好评哦"];
    private static readonly string[] AutoTemplates = ["您好，欢迎光临{s}，客服小姐姐马上为您服务～", "亲，现在咨询量较大，请稍等哦，马上回复您", "欢迎光临{s}！发货时间、尺码问题可以点击下方快捷问题哦"];
    private static readonly string[] PaymentReminderTemplates = ["亲，看到您拍下了{p}还没付款哦，现在付款今天就能发出呢", "亲，优惠券今晚12点就过期了，抓紧付款哦", "亲，您的订单还未支付，库存有限哦"];

    public static readonly string[] Spam = ["加微信xyz8866领红包", "兼职刷单日结300，加V详聊", "代运营找我，QQ群123456789", "https://t.cn/A6x8Kp 点击领取优惠", "威信：abc123，有好货", "加v看更多款式 vx: shop888", "刷单返现，加微信详聊"];
    public static readonly string[] SpamReplies = ["不需要，谢谢", "亲，请勿发送广告哦"];
    public static readonly string NoTextReply = "亲，图片看不到哦，请问有什么可以帮您？";
    public static readonly string[] Transfer = ["亲，这个问题帮您转接售后同事处理哦", "亲，稍等，帮您转接专属客服哦"];
    public static readonly string[] TransferGreeting = ["您好，我是接手的客服，刚才的问题我来帮您处理", "亲，您好，我来为您服务"];
    public static readonly string[] System = ["[系统消息] 买家已下单", "[商品卡片] {p}", "[系统消息] 买家已付款", "[系统消息] 会话已转接"];
    public static readonly string[] ChaseForReply = ["在吗？", "？？", "人呢", "有人吗？"];

    public PhraseBank(string category, string shopName)
    {
        Products = ProductsByCategory[category];
        Greeting = Greetings;
        BuyerFollowUp = BuyerFollowUps;
        AgentClosing = AgentClosings;
        Auto = AutoTemplates.Select(t => t.Replace("{s}", shopName)).ToArray();
        _paymentReminder = PerProduct(PaymentReminderTemplates);
        _systemCards = PerProduct(System);
        _buyer = BuyerTemplates.ToDictionary(kv => kv.Key, kv => PerProduct(kv.Value));
        _agent = AgentTemplates.ToDictionary(kv => kv.Key, kv => PerProduct(kv.Value));
    }

    // Each indexed [product]: the phrases of one conversation name the one product it is about.
    private readonly Dictionary<Topic, string[][]> _buyer;
    private readonly Dictionary<Topic, string[][]> _agent;
    private readonly string[][] _paymentReminder;
    private readonly string[][] _systemCards;

    public string[] Products { get; }
    public string[] Greeting { get; }
    public string[] BuyerFollowUp { get; }
    public string[] AgentClosing { get; }
    public string[] Auto { get; }

    /// <summary>What a buyer asks on a topic about product <paramref name="product"/> (an index of <see cref="Products"/>).</summary>
    public string[] Buyer(Topic topic, int product) => _buyer[topic][product];

    /// <summary>What an agent answers on a topic about the same product the buyer asked about.</summary>
    public string[] Agent(Topic topic, int product) => _agent[topic][product];

    public string[] PaymentReminder(int product) => _paymentReminder[product];

    public string[] SystemCards(int product) => _systemCards[product];

    /// <summary>The templates once per product, {p} replaced by it: shared strings, picked as cheaply as one array.</summary>
    private string[][] PerProduct(string[] templates) =>
        Products.Select(p => templates.Select(t => t.Replace("{p}", p, StringComparison.Ordinal)).ToArray()).ToArray();
}
