using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsKpi.Etl;
using Microsoft.AspNetCore.Html;

namespace CsKpi.Web.Site;

/// <summary>
/// The ETL's reasons (a row rejected, a file rejected or skipped) and a loaded file's notes in the viewer's language.
/// The loader stores each as a code and its values (<see cref="EtlReason"/>); English comes from the loader's own table
/// (<see cref="EtlReasons.English"/>, the sentences cskpi prints), Chinese from this one, with the same placeholders.
/// The values put in — a column, the value found, a line, a header, a limit — and the file's own words (<c>`…`</c> in a
/// template) are shown as code, as they are in the file. A reason stored before its code existed shows its text.
/// </summary>
public static partial class EtlWords
{
    public static readonly IReadOnlyDictionary<string, string> Chinese = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["timestamp.empty"] = "{column} 为空；应为时间，例如 2026-03-08 17:51:57",
        ["timestamp.invalid"] = "{column} 的值“{value}”不是时间；应为 2026-03-08 17:51:57 这样的时间",
        ["score_0_100.invalid"] = "{column} 的值“{value}”不是 0 到 100 之间的分数",
        ["money.negative"] = "{column} 为 {value}，是负数；金额应大于或等于 0",

        ["chats.store_id.empty"] = "{column} 为空；每条消息都要有发往的店铺",
        ["chats.buyer_id.empty"] = "{column} 为空；每条消息都要有会话的买家",
        ["chats.agent_id.empty"] = "{column} 为空；每条消息都要有会话的客服账号",
        ["chats.sender.empty"] = "{column} 为空；应为 `buyer, agent, auto, system`（`买家, 客服, 自动回复, 系统`）之一",
        ["chats.sender.invalid"] = "{column} 的值“{value}”不是 `buyer, agent, auto, system`（`买家, 客服, 自动回复, 系统`）之一",

        ["orders.order_id.empty"] = "{column} 为空；每笔订单都要有订单编号（`订单编号`）",
        ["orders.store_id.empty"] = "{column} 为空；每笔订单都要有店铺",
        ["orders.buyer_id.empty"] = "{column} 为空；每笔订单都要有买家（`买家会员名`）",
        ["orders.paid_at.invalid"] = "{column} 的值“{value}”不是时间；应为 2026-03-08 17:51:57 这样的时间，未付款时留空",
        ["orders.amount.empty"] = "{column} 为空；应为以元计、最多两位小数的金额，例如 1234.50 或 ¥1,234.50",
        ["orders.amount.invalid"] = "{column} 的值“{value}”不是金额；应为以元计、最多两位小数的金额，例如 1234.50 或 ¥1,234.50",
        ["orders.items.invalid"] = "{column} 的值“{value}”不是大于或等于 1 的整数",
        ["orders.status.invalid"] = "{column} 的值“{value}”无法识别；应为 `created, paid, shipped, completed, closed, refunded` 或店铺导出的写法（`交易成功, 交易关闭`……）",
        ["orders.refund_amount.invalid"] = "{column} 的值“{value}”不是金额；应为以元计、最多两位小数的金额",
        ["orders.refund_amount.above_amount"] = "{column} 为 {value}，超过实付金额（{amount}）；退款最多等于实付金额",

        ["ratings.store_id.empty"] = "{column} 为空；每条评价都要有店铺",
        ["ratings.buyer_id.empty"] = "{column} 为空；每条评价都要有买家",
        ["ratings.agent_id.empty"] = "{column} 为空；每条评价都要有被评价的客服",
        ["ratings.score.empty"] = "{column} 为空；应为 1–5 或 `很满意, 满意, 一般, 不满意, 很不满意`",
        ["ratings.score.invalid"] = "{column} 的值“{value}”不是 1–5，也不是 `很满意, 满意, 一般, 不满意, 很不满意`",

        ["agents.agent_id.empty"] = "{column} 为空；每位客服都要有账号（`客服账号`），例如 `朵朵云:小A`",
        ["agents.name.empty"] = "{column} 为空；每位客服都要有姓名（`姓名`）",
        ["agents.store_id.empty"] = "{column} 为空；每位客服都属于一个店铺",
        ["agents.role.invalid"] = "{column} 的值“{value}”不是 `presale, aftersale, both`（`售前, 售后, 售前售后`）之一",
        ["agents.hired_on.empty"] = "{column} 为空；应为入职日期，例如 2025-06-01",
        ["agents.hired_on.invalid"] = "{column} 的值“{value}”不是日期；应为 2025-06-01 或 2025/6/1",
        ["agents.left_on.invalid"] = "{column} 的值“{value}”不是日期；应为 2026-03-31，或留空",
        ["agents.left_on.before_hired_on"] = "{column} 为 {value}，早于入职日期 `hired_on` {hired_on}",
        ["agents.level.invalid"] = "{column} 的值“{value}”不是职级阶梯中的等级；应为 L1…L7 或等级名称（`新员工, 老员工, 组长`……）",
        ["agents.coefficient.invalid"] = "{column} 的值“{value}”不是数字；应为例如 1.1",
        ["agents.coefficient.out_of_range"] = "{column} 为 {value}，超出 {level} 的系数范围 {min}–{max}",
        ["agents.monthly_cost.invalid"] = "{column} 的值“{value}”不是大于或等于 0 的金额；应为例如 6500.00",
        ["agents.as_of.invalid"] = "{column} 的值“{value}”不是日期；应为 2026-03-01",

        ["courses.course_id.empty"] = "{column} 为空；每门课程都要有编号（`课程编号`）",
        ["courses.title.empty"] = "{column} 为空；每门课程都要有名称（`课程名称`）",
        ["courses.category.empty"] = "{column} 为空；应为 `product, tools, scripts, logistics, promotions, policy, platform_rules, mindset`（`产品, 工具流程, 话术, 仓储物流, 活动优惠, 公司制度, 平台规则, 职业心态`）之一",
        ["courses.category.invalid"] = "{column} 的值“{value}”不是 `product, tools, scripts, logistics, promotions, policy, platform_rules, mindset`（`产品, 工具流程, 话术, 仓储物流, 活动优惠, 公司制度, 平台规则, 职业心态`）之一",
        ["courses.valid_months.invalid"] = "{column} 的值“{value}”不是至少为 1 的整月数；永不过期时留空",
        ["courses.required_for_level.invalid"] = "{column} 的值“{value}”不是等级；应为 L1…L7 或等级名称",
        ["courses.hours.invalid"] = "{column} 的值“{value}”不是大于或等于 0 的学时数",

        ["training.agent_id.empty"] = "{column} 为空；每条培训记录都要有客服账号",
        ["training.course_id.empty"] = "{column} 为空；每条培训记录都要有课程编号",
        ["training.status.empty"] = "{column} 为空；应为 `planned, in_progress, completed`（`计划, 进行中, 已完成`）之一",
        ["training.status.invalid"] = "{column} 的值“{value}”不是 `planned, in_progress, completed`（`计划, 进行中, 已完成`）之一",
        ["training.event_on.empty"] = "{column} 为空；应为日期，例如 2026-03-08",
        ["training.event_on.invalid"] = "{column} 的值“{value}”不是日期；应为 2026-03-08 或 2026/3/8",
        ["training.score.missing"] = "已完成的培训需要 0 到 100 的考核成绩（`考核成绩`）",

        ["agent_report.store_id.empty"] = "{column} 为空；报表每行都要有店铺",
        ["agent_report.agent_nick.empty"] = "客服（`客服, 旺旺昵称`）为空；报表每行都要有客服",
        ["agent_report.report_day.invalid"] = "`日期` 的值“{value}”不是日期或日期范围；应为 2026-03-05 或 `2026-03-01至2026-03-07`",
        ["agent_report.report_day.unknown"] = "报表周期未知：报表没有 `日期` 列，文件名也看不出周期；请在文件名中写明周期"
            + "（`客服数据_2026-03-01至2026-03-07.xlsx`、`…_20260301_20260307.xlsx`）或加一列 `日期`",
        ["agent_report.metric.invalid"] = "{column} 的值“{value}”不是数字、比率（85.3%、0.853）或时长（35、`35秒`、0:00:35）",

        ["row.summary"] = "这是汇总行（{value}），不是记录：CsKpi 会自己加总，数据下方的合计、小计和平均值不导入",
        ["row.too_many_fields"] = "该行有 {found} 个字段，表头只有 {expected} 个；值中含逗号时需用双引号把整个值括起来",
        ["row.too_few_fields"] = "该行有 {found} 个字段，表头却有 {expected} 个；空值也要保留它的逗号",
        ["row.unquoted_value"] = "一个值里既有带引号的部分又有不带引号的部分；请用双引号把整个值括起来",
        ["row.too_long"] = "该行长 {bytes} 字节，超过每行上限 {max} 字节，未读取；这么长的值不会是聊天消息、订单或名册行：请检查导出文件中的这一行",
        ["row.unreadable"] = "无法读取该行（{error}：{message}）",

        ["file.already_loaded"] = "相同内容已于 {at} 从 {file} {@outcome}；未再读取",
        ["outcome.loaded"] = "导入",
        ["outcome.rejected"] = "整份拒绝",
        ["outcome.skipped"] = "跳过",
        ["file.store_unknown"] = "文件没有指明店铺：没有店铺列（`店铺, 店铺名称, 店铺Id`……），不在以店铺命名的收件箱子文件夹中（`inbox/京东旗舰店/…`），"
            + "也没有指定店铺（`cskpi ingest --store NAME`，或上传表单中选择的店铺）；请用这三种方式之一给出店铺",
        ["file.store_other_shard"] = "文件的行属于店铺 {store}，该店铺由分片 {owner} 存放（`Jobs:Shards` 中 {owner} 的 `Stores`），不属于本分片 {shard}"
            + "（本分片的店铺：{stores}），因此本分片未导入任何行；请把文件移到分片 {owner} 的收件箱 {inbox}"
            + "（含有多个分片店铺的行的文件会被整份拒绝：请按分片拆分）",
        ["file.store_no_shard"] = "文件的行属于店铺 {store}，但没有任何分片列出该店铺；本分片 {shard} 只存放 {stores}，因此未导入任何行；"
            + "请把 {store} 加入应存放它的分片的店铺列表（`Jobs:Shards` 中该分片的 `Stores`），并把文件放进该分片的收件箱"
            + "（因店铺被拒绝的文件在每次导入时都会重新读取，直到导入成功）",
        ["file.column_missing"] = "缺少必需列：{columns}；表头为 {headers}",
        ["file.columns_missing"] = "缺少必需列：{columns}；表头为 {headers}",
        ["file.layout_column_missing"] = "表头属于 {layout}，但缺少必需列：{columns}；表头为 {headers}",
        ["file.layout_columns_missing"] = "表头属于 {layout}，但缺少必需列：{columns}；表头为 {headers}",
        ["file.no_metrics"] = "客服报表除客服、店铺和日期外至少要有一列指标；表头为 {headers}",
        ["file.unterminated_quote"] = "第 {line} 行的双引号没有闭合，文件其余部分无法分成行；请补上引号（引号内的引号要写两次：`\"\"`）后重新放入",
        ["file.csv_unsplittable"] = "文件开头几行无法拆分为 `CSV` 字段，多半是某个值的双引号没有闭合；请补上引号（引号内的引号要写两次：`\"\"`）后重新放入",
        ["file.line_too_long"] = "有一行超过每行上限 {max} 字节（`DuckDB`：{message}）；请检查导出文件中是否有异常长的值",
        ["file.duckdb_unreadable"] = "`DuckDB` 无法按 {format} 读取：{message}",
        ["file.unknown_layout"] = "无法识别类型：文件名不以 {kinds} 中任何一个开头，不在以类型命名的文件夹中，表头也不符合任何已知版式（见 `docs/imports.md`）；"
            + "最接近的是 {layout}，它还需要 {missing}",
        ["file.skip.item_rows"] = "{layout}：每个商品一行；CsKpi 按订单计数而不是按商品，旁边的订单报表（`ExportOrderList`）已带有每笔订单的金额和件数，所以本文件不导入",
        ["file.header_too_long"] = "第 1 行（表头）超过 {max} 字节，即每行上限（列数超过 {columns}），无法读取任何行；请只导出数据约定列出的列后重新导出",
        ["file.too_many_columns"] = "第 1 行（表头）有 {columns} 列；文件最多 {max} 列，未读取任何行；请只导出数据约定列出的列后重新导出",
        ["file.no_transcript_message"] = "聊天记录中没有找到消息：每条消息以 `店铺名:子账号 2026-3-8 9:05:01` 或 `买家昵称 2026-3-8 9:05:01` 这样的行开头，"
            + "即昵称后跟时间；请从 `千牛` 聊天窗口重新复制消息",
        ["file.not_gzip_text"] = "这个 {label} 文件没有经过 `gzip` 压缩，而是纯文本；请改名为 {plain}",
        ["file.not_gzip"] = "这个 {label} 文件没有经过 `gzip` 压缩，实际上是{@content}；{@advice}",
        ["file.gzip_damaged"] = "`gzip` 文件被截断或已损坏（{message}）；文件未导入，请重新导出",
        ["file.gzip_too_large"] = "这个 {label} 文件解压后超过 {allowed} 字节（单个文件上限为 {max} 字节），因此停止解压，未导入任何内容；"
            + "真实的导出文件不会压缩到这个程度，请检查文件或拆成较小的文件",
        ["file.gzip_ratio"] = "这个 {label} 文件解压后超过 {allowed} 字节（文件最多解压到压缩大小的 {ratio} 倍，此处压缩大小为 {compressed} 字节），"
            + "因此停止解压，未导入任何内容；真实的导出文件不会压缩到这个程度，请检查文件或拆成较小的文件",
        ["file.utf16_damaged"] = "文件是 `UTF-16` 文本（`Excel` 的“`Unicode` 文本”），但在字符中间被截断或含有非 `UTF-16` 字节；文件未导入，请重新导出",
        ["file.really"] = "这个 {label} 文件实际上是{@content}；{@advice}",
        ["file.really_inner"] = "这个 {label} 文件解压后实际上是{@content}；{@advice}",
        ["file.zero_bytes"] = "文件是空的（0 字节）；文件未导入，请重新导出",
        ["file.empty"] = "文件是空的：没有表头行，{@what}；文件未导入，请重新导出",
        ["file.empty_jsonl"] = "文件是空的：没有表头行，也没有 `JSON` 记录，{@what}；文件未导入，请重新导出",
        ["empty.zero_bytes"] = "0 字节",
        ["empty.zero_bytes_inner"] = "解压后为 0 字节",
        ["empty.bom_only"] = "只有字节顺序标记和空白",
        ["empty.white_space"] = "只有空白",
        ["file.parquet_truncated"] = "`Parquet` 文件被截断：开头有 `PAR1` 标记，结尾却没有；文件未导入，请重新导出",
        ["file.not_parquet_jsonl"] = "不是 `Parquet` 文件（开头没有 `PAR1` 标记）；看起来是 `JSON Lines` 文本，请改名为 `.jsonl`",
        ["file.not_parquet_csv"] = "不是 `Parquet` 文件（开头没有 `PAR1` 标记）；看起来是 `CSV` 文本，请改名为 `.csv`",
        ["file.not_parquet_gzip"] = "不是 `Parquet` 文件（开头没有 `PAR1` 标记）；它经过 `gzip` 压缩，而 `Parquet` 按未压缩读取，请先解压（压缩的 `CSV` 请命名为 `.csv.gz`）",
        ["file.not_parquet"] = "不是 `Parquet` 文件（开头没有 `PAR1` 标记）；实际上是{@content}；{@advice}",
        ["file.utf8_bom_invalid"] = "文件以 `UTF-8` 字节顺序标记开头，但第 {line} 行（第 {byte} 字节）有不是 `UTF-8` 的字节（{bytes}）；文件未导入，请重新导出为 `UTF-8`",
        ["file.utf8_invalid"] = "文件是 `UTF-8` 文本，但第 {line} 行（第 {byte} 字节）有不是 `UTF-8` 的字节（{bytes}），常见于截短某个值时把字符切成了两半；"
            + "文件未导入，请修正该行或重新导出",
        ["file.not_gb18030"] = "文件既不是 `UTF-8` 也不是 `GBK/GB18030` 文本：第 {line} 行（第 {byte} 字节）的字节（{bytes}）两种编码都不允许；"
            + "文件未导入，请重新导出为 `UTF-8` 或 `GBK` 文本",
        ["file.workbook_unreadable"] = "无法读取工作簿（{message}）；请用 `Excel` 或 `WPS` 打开，另存为 `.xlsx` 后重新放入",
        ["file.workbook_no_sheet"] = "工作簿中没有工作表；请重新导出",
        ["file.sheet_empty"] = "工作表“{sheet}”是空的：没有表头行，也没有数据；请重新导出",
        ["file.xlsx_old_or_protected"] = "这个 `.xlsx` 文件实际上是 `Excel 97-2003` 工作簿或设了密码的工作簿；请用 `Excel` 或 `WPS` 打开，去掉密码并另存为 `.xlsx`",
        ["file.xlsx_text"] = "这个 `.xlsx` 文件实际上是文本；如果是 `CSV`，请改名为 `.csv`",
        ["content.parquet"] = " `Parquet` 文件",
        ["content.gzip"] = " `gzip` 压缩文件",
        ["content.zip"] = " `zip` 压缩包",
        ["content.xlsx"] = " `Excel` 工作簿（`.xlsx`）",
        ["content.old_excel"] = " `Excel 97-2003` 工作簿（`.xls`）",
        ["content.utf16"] = " `UTF-16` 文本（`Excel` 另存的“`Unicode` 文本”）",
        ["content.binary"] = "二进制数据（前 1 `KB` 中有空字节），不是文本",
        ["content.text"] = "文本",
        ["advice.parquet_inner"] = "请解压并命名为 `.parquet`（`Parquet` 内部已经压缩）",
        ["advice.parquet"] = "请改名为 `.parquet`",
        ["advice.gzip_inner"] = "它被压缩了两次：请解压一次后以 {plain}`.gz` 重新放入",
        ["advice.gzip"] = "请改名为 {plain}`.gz`",
        ["advice.zip"] = "请解压，把里面的文件放入收件箱",
        ["advice.xlsx"] = "请改名为 `.xlsx`",
        ["advice.old_excel"] = "请用 `Excel` 或 `WPS` 打开，另存为 `.xlsx` 后放入该 `.xlsx` 文件",
        ["advice.utf16"] = "请另存或导出为 `UTF-8`（`Excel` 中选“`CSV UTF-8`”）后重新放入",
        ["advice.export_jsonl"] = "请确认这是你要的导出文件，并重新导出为 `JSON Lines`",
        ["advice.export_parquet"] = "请确认这是你要的导出文件，并重新导出为 `Parquet`",
        ["advice.export_xlsx"] = "请确认这是你要的导出文件，并另存为 `Excel` 工作簿（`.xlsx`）",
        ["advice.export_csv"] = "请确认这是你要的导出文件，并重新导出为 `CSV`",
        ["skip.outside_inbox"] = "路径不在收件箱内",
        ["skip.hidden"] = "隐藏或临时文件（文件名以 `.` 或 `~` 开头），不读取",
        ["skip.txt"] = "`.txt` 文件不属于数据约定：约定接受 `.csv`、`.xlsx`、`.jsonl` 和 `.parquet`；`Excel` 以制表符分隔的“`Unicode` 文本”命名为 `.csv` 时可读取，"
            + "从 `千牛` 复制的聊天记录命名为 `chats_….txt` 或 `…聊天记录….txt`，或放在 `chats/` 文件夹中时可读取",
        ["skip.parquet_gz"] = "`Parquet` 文件内部已经压缩，不能再用 `gzip` 压缩读取；请解压（`gunzip`）后放入 `.parquet` 文件",
        ["skip.xlsx_gz"] = "`.xlsx` 工作簿内部已经压缩，不能再用 `gzip` 压缩读取；请解压（`gunzip`）后放入 `.xlsx` 文件",
        ["skip.json"] = "不接受 `.json` 文件：`JSON Lines` 文件（每行一个对象）以 `.jsonl` 结尾",
        ["skip.xls"] = "不读取 `Excel 97-2003` 工作簿（`.xls`）：请用 `Excel` 或 `WPS` 打开，另存为 `.xlsx`（或 `CSV`）后放入该文件",
        ["skip.partial"] = "文件仍在写入或下载中；完成后再读取",
        ["skip.no_extension"] = "文件名没有扩展名：约定文件以 `.csv`、`.xlsx`、`.jsonl` 或 `.parquet` 结尾（也可以是 `.csv.gz`、`.jsonl.gz`）",
        ["skip.extension"] = "{extension} 文件不属于数据约定：约定接受 `.csv`、`.xlsx`、`.jsonl` 和 `.parquet`（也可以是 `.csv.gz`、`.jsonl.gz`）",
        ["skip.wrong_folder"] = "文件在 {folder}`/` 文件夹中，文件名却以 {prefix} 开头；请移到正确的文件夹或改名，以免按错误的类型导入",

        ["note.item_rows"] = "{rows} 行（每个 {row} 一行）合并为 {orders} 笔订单；按订单计数",
        ["note.no_buyer_column"] = "文件没有买家列，其订单计入店铺合计，但永远无法归属到客服；归属需要 `买家会员名`（买家账号）",
        ["note.store_for_empty_folder"] = "店铺为空的行属于 {store}（文件夹 {store}`/`）",
        ["note.store_for_empty_option"] = "店铺为空的行属于 {store}（`--store` {store}）",
        ["note.store_folder"] = "店铺 {store}（文件夹 {store}`/`）",
        ["note.store_option"] = "店铺 {store}（`--store` {store}）",
    };

    /// <summary>A row reject's reason: its code worded with its column, value and args; without a code, the text it stored.</summary>
    public static IHtmlContent RowReason(string? code, string? args, string? column, string? value, string stored) =>
        Word(code, Values(args, column, value), stored);

    /// <summary>Why a file was rejected or skipped (the ledger's reason_code and reason_args); without a code, the text it stored.</summary>
    public static IHtmlContent FileReason(string? code, string? args, string? stored) => Word(code, Values(args, null, null), stored);

    /// <summary>A loaded file's notes (the ledger's note_codes, a JSON array of {code, args}); without codes, the text it stored.</summary>
    public static IHtmlContent Notes(string? codes, string? stored)
    {
        if (string.IsNullOrEmpty(codes))
        {
            return Stored(stored);
        }

        var notes = JsonDocument.Parse(codes).RootElement.EnumerateArray()
            .Select(n => Word(n.GetProperty("code").GetString(), Values(n.GetProperty("args").GetRawText(), null, null), null));
        var html = new HtmlContentBuilder();
        foreach (var (note, i) in notes.Select((n, i) => (n, i)))
        {
            if (i > 0)
            {
                html.AppendHtml(WebUtility.HtmlEncode(Lang.T("；", "; ")));
            }

            html.AppendHtml(note);
        }

        return html;
    }

    /// <summary>An <see cref="EtlReason"/> the loader returned (a run's files), worded.</summary>
    public static IHtmlContent Reason(EtlReason? reason, string? stored) =>
        reason is null ? Stored(stored) : Word(reason.Code, reason.Args, stored);

    /// <summary>The template of a code in the viewer's language (English: the loader's own), or null for a code neither table knows.</summary>
    public static string? Template(string code) =>
        (Lang.IsChinese ? Chinese : EtlReasons.English).GetValueOrDefault(code);

    private static IHtmlContent Word(string? code, IReadOnlyDictionary<string, string> values, string? stored)
    {
        if (code is null || Template(code) is not { } template)
        {
            return Stored(stored ?? code);
        }

        var html = new StringBuilder();
        Render(template, values, html);
        return new HtmlString(html.ToString());
    }

    /// <summary>The template as HTML: words encoded, each value and each of the file's own words (<c>`…`</c>) as code.</summary>
    private static void Render(string template, IReadOnlyDictionary<string, string> values, StringBuilder html)
    {
        var at = 0;
        foreach (Match m in Part().Matches(template))
        {
            html.Append(WebUtility.HtmlEncode(template[at..m.Index]));
            at = m.Index + m.Length;
            if (m.Groups["literal"].Success)
            {
                html.Append("<code>").Append(WebUtility.HtmlEncode(m.Groups["literal"].Value)).Append("</code>");
                continue;
            }

            var value = values.GetValueOrDefault(m.Groups["name"].Value) ?? "";
            if (m.Groups["nested"].Value == "@" && Template(value) is { } inner)
            {
                Render(inner, values, html);
            }
            else if (value.Length > 0)
            {
                html.Append("<code>").Append(WebUtility.HtmlEncode(value)).Append("</code>");
            }
        }

        html.Append(WebUtility.HtmlEncode(template[at..]));
    }

    /// <summary>A reason stored before its code existed: the English cskpi wrote, marked as such.</summary>
    private static IHtmlContent Stored(string? text) =>
        string.IsNullOrEmpty(text) ? HtmlString.Empty : new HtmlString($"<span lang=\"en\">{WebUtility.HtmlEncode(text)}</span>");

    private static Dictionary<string, string> Values(string? args, string? column, string? value)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(args) && JsonDocument.Parse(args).RootElement is { ValueKind: JsonValueKind.Object } o)
        {
            foreach (var p in o.EnumerateObject())
            {
                values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
            }
        }

        if (column is not null)
        {
            values["column"] = column;
        }

        if (value is not null)
        {
            values["value"] = value;
        }

        return values;
    }

    [GeneratedRegex(@"`(?<literal>[^`]*)`|\{(?<nested>@?)(?<name>[a-z_]+)\}")]
    private static partial Regex Part();
}
