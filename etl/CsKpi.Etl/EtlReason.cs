using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CsKpi.Etl;

/// <summary>
/// Why the ETL rejected a row or a file, or what it noted of a loaded file, as a stable code and its values (the column,
/// the value found, the line, the limit…). The ledger and the rejects store the code and the values; the English
/// sentence cskpi prints (and stores beside them in <c>reason</c>) is made from <see cref="EtlReasons.English"/>, the
/// one table of English templates, and the site words the same code in the viewer's language.
/// </summary>
public sealed record EtlReason(string Code, IReadOnlyDictionary<string, string> Args)
{
    public EtlReason(string code, params (string Name, object? Value)[] args)
        : this(code, args.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => Text(a.Value!), StringComparer.Ordinal))
    {
        if (!EtlReasons.English.ContainsKey(code))
        {
            throw new ArgumentException($"no English template for the ETL reason {code}", nameof(code));
        }
    }

    /// <summary>The sentence in English, for cskpi and the <c>reason</c> column.</summary>
    public string Text() => EtlReasons.Fill(EtlReasons.English[Code], name => Args.GetValueOrDefault(name) ?? "");

    public override string ToString() => Text();

    /// <summary>The values as a JSON object, as <c>reason_args</c> stores them.</summary>
    public string ArgsJson() => JsonSerializer.Serialize(Args, Json);

    /// <summary>Several reasons (a loaded file's notes) as one JSON array of {code, args}, as <c>etl.file_ledger.note_codes</c> stores them.</summary>
    public static string? ListJson(IReadOnlyCollection<EtlReason> reasons) =>
        reasons.Count == 0 ? null : JsonSerializer.Serialize(reasons.Select(r => new Dictionary<string, object> { ["code"] = r.Code, ["args"] = r.Args }), Json);

    /// <summary>Chinese values stored as they are, readable in the ledger (the JSON is data, never HTML).</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Text(object value) => value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// The English templates of every ETL reason, by code. <c>{name}</c> is a value (a row reject's <c>{column}</c> and
/// <c>{value}</c> are its own columns; the rest come from its args); <c>`…`</c> marks words of the file itself (headers,
/// accepted values) that stay as they are in any language. The site's other languages word the same codes
/// (CsKpi.Web's EtlWords); a test holds the two tables to the same codes and placeholders.
/// </summary>
public static partial class EtlReasons
{
    private const string Timestamp = "2026-03-08 17:51:57";

    public static readonly IReadOnlyDictionary<string, string> English = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // A value a contract column needs, missing or unreadable (sql/raw/*.sql); shared by the kinds alike.
        ["timestamp.empty"] = "{column} is empty; expected a time such as " + Timestamp,
        ["timestamp.invalid"] = "{column} '{value}' is not a timestamp; expected " + Timestamp,
        ["score_0_100.invalid"] = "{column} '{value}' is not a score from 0 to 100",
        ["money.negative"] = "{column} {value} is negative; money is 0 or more",

        // chats (sql/raw/chat_message.sql)
        ["chats.store_id.empty"] = "{column} is empty; every message needs the store it was sent to",
        ["chats.buyer_id.empty"] = "{column} is empty; every message needs the buyer of the conversation",
        ["chats.agent_id.empty"] = "{column} is empty; every message needs the agent account of the conversation",
        ["chats.sender.empty"] = "{column} is empty; expected one of buyer, agent, auto, system (`买家, 客服, 自动回复, 系统`)",
        ["chats.sender.invalid"] = "{column} '{value}' is not one of buyer, agent, auto, system (`买家, 客服, 自动回复, 系统`)",

        // orders (sql/raw/order_state.sql)
        ["orders.order_id.empty"] = "{column} is empty; every order needs its order number (`订单编号`)",
        ["orders.store_id.empty"] = "{column} is empty; every order needs its store",
        ["orders.buyer_id.empty"] = "{column} is empty; every order needs its buyer (`买家会员名`)",
        ["orders.paid_at.invalid"] = "{column} '{value}' is not a timestamp; expected " + Timestamp + ", or empty when not paid",
        ["orders.amount.empty"] = "{column} is empty; expected yuan with up to 2 decimals, e.g. 1234.50 or ¥1,234.50",
        ["orders.amount.invalid"] = "{column} '{value}' is not money; expected yuan with up to 2 decimals, e.g. 1234.50 or ¥1,234.50",
        ["orders.items.invalid"] = "{column} '{value}' is not a whole number of at least 1",
        ["orders.status.invalid"] = "{column} '{value}' is unknown; expected created, paid, shipped, completed, closed, refunded or the shop export's wording (`交易成功, 交易关闭`, …)",
        ["orders.refund_amount.invalid"] = "{column} '{value}' is not money; expected yuan with up to 2 decimals",
        ["orders.refund_amount.above_amount"] = "{column} {value} is above the amount paid ({amount}); a refund is at most the amount",

        // ratings (sql/raw/rating.sql)
        ["ratings.store_id.empty"] = "{column} is empty; every rating needs its store",
        ["ratings.buyer_id.empty"] = "{column} is empty; every rating needs its buyer",
        ["ratings.agent_id.empty"] = "{column} is empty; every rating needs the agent rated",
        ["ratings.score.empty"] = "{column} is empty; expected 1–5 or `很满意, 满意, 一般, 不满意, 很不满意`",
        ["ratings.score.invalid"] = "{column} '{value}' is not 1–5 or `很满意, 满意, 一般, 不满意, 很不满意`",

        // agents (sql/raw/roster_snapshot.sql)
        ["agents.agent_id.empty"] = "{column} is empty; every agent needs the account (`客服账号`), e.g. `朵朵云:小A`",
        ["agents.name.empty"] = "{column} is empty; every agent needs a name (`姓名`)",
        ["agents.store_id.empty"] = "{column} is empty; every agent belongs to a store",
        ["agents.role.invalid"] = "{column} '{value}' is not presale, aftersale or both (`售前, 售后, 售前售后`)",
        ["agents.hired_on.empty"] = "{column} is empty; expected the hire date, e.g. 2025-06-01",
        ["agents.hired_on.invalid"] = "{column} '{value}' is not a date; expected 2025-06-01 or 2025/6/1",
        ["agents.left_on.invalid"] = "{column} '{value}' is not a date; expected 2026-03-31, or empty",
        ["agents.left_on.before_hired_on"] = "{column} {value} is before hired_on {hired_on}",
        ["agents.level.invalid"] = "{column} '{value}' is not a level of the ladder; expected L1…L7 or its name (`新员工, 老员工, 组长`, …)",
        ["agents.coefficient.invalid"] = "{column} '{value}' is not a number; expected e.g. 1.1",
        ["agents.coefficient.out_of_range"] = "{column} {value} is outside {level}'s range {min}–{max}",
        ["agents.monthly_cost.invalid"] = "{column} '{value}' is not money of 0 or more; expected e.g. 6500.00",
        ["agents.as_of.invalid"] = "{column} '{value}' is not a date; expected 2026-03-01",

        // courses (sql/raw/course_version.sql)
        ["courses.course_id.empty"] = "{column} is empty; every course needs its code (`课程编号`)",
        ["courses.title.empty"] = "{column} is empty; every course needs a title (`课程名称`)",
        ["courses.category.empty"] = "{column} is empty; expected one of product, tools, scripts, logistics, promotions, policy, platform_rules, mindset (`产品, 工具流程, 话术, 仓储物流, 活动优惠, 公司制度, 平台规则, 职业心态`)",
        ["courses.category.invalid"] = "{column} '{value}' is not one of product, tools, scripts, logistics, promotions, policy, platform_rules, mindset (`产品, 工具流程, 话术, 仓储物流, 活动优惠, 公司制度, 平台规则, 职业心态`)",
        ["courses.valid_months.invalid"] = "{column} '{value}' is not a whole number of months of at least 1, or empty for never expiring",
        ["courses.required_for_level.invalid"] = "{column} '{value}' is not a level; expected L1…L7 or its name",
        ["courses.hours.invalid"] = "{column} '{value}' is not a number of hours of 0 or more",

        // training (sql/raw/training_event.sql)
        ["training.agent_id.empty"] = "{column} is empty; every training event needs the agent account",
        ["training.course_id.empty"] = "{column} is empty; every training event needs the course code",
        ["training.status.empty"] = "{column} is empty; expected planned, in_progress or completed (`计划, 进行中, 已完成`)",
        ["training.status.invalid"] = "{column} '{value}' is not planned, in_progress or completed (`计划, 进行中, 已完成`)",
        ["training.event_on.empty"] = "{column} is empty; expected a date such as 2026-03-08",
        ["training.event_on.invalid"] = "{column} '{value}' is not a date; expected 2026-03-08 or 2026/3/8",
        ["training.score.missing"] = "a completed event needs its score (`考核成绩`) from 0 to 100",

        // agent reports (sql/raw/agent_report.sql)
        ["agent_report.store_id.empty"] = "{column} is empty; every report row needs its store",
        ["agent_report.agent_nick.empty"] = "the agent (`客服, 旺旺昵称`) is empty; every report row needs its agent",
        ["agent_report.report_day.invalid"] = "`日期` '{value}' is not a date or a range; expected 2026-03-05 or `2026-03-01至2026-03-07`",
        ["agent_report.report_day.unknown"] = "the period is unknown: the report has no `日期` and its file name gives none; name the file with its period "
            + "(`客服数据_2026-03-01至2026-03-07.xlsx`, `…_20260301_20260307.xlsx`) or add a `日期` column",
        ["agent_report.metric.invalid"] = "{column} '{value}' is not a number, a rate (85.3%, 0.853) or a time (35, `35秒`, 0:00:35)",

        // rows the loader sets aside before any script (sql/etl/*.sql)
        ["row.summary"] = "a summary row ({value}), not a record: CsKpi adds up the rows itself, so totals, subtotals and averages under the data are left out",
        ["row.too_many_fields"] = "the row has {found} fields but the header has {expected}; a comma inside a value needs double quotes around the value",
        ["row.too_few_fields"] = "the row has {found} fields but the header has {expected}; an empty value still needs its comma",
        ["row.unquoted_value"] = "a value mixes quoted and unquoted text; put the double quotes around the whole value",
        ["row.too_long"] = "the line is {bytes} bytes long, more than the {max} bytes a line may hold, so it was not read; "
            + "a value this long is not a chat message, an order or a roster row: check that line of the export",
        ["row.unreadable"] = "{error}: {message}",

        // whole files (InboxLoader, FilePreparer, XlsxStager, CsvLimits, Gb18030Transcoder, GzipLimits, DataContract);
        // {@name} words the code its arg holds (a content kind, a piece of advice) with the same args.
        ["file.already_loaded"] = "the same content was {@outcome} on {at} from {file}; nothing was read",
        ["outcome.loaded"] = "loaded",
        ["outcome.rejected"] = "rejected",
        ["outcome.skipped"] = "skipped",
        ["file.store_unknown"] = "the file names no store: it has no store column (`店铺, 店铺名称, 店铺Id`, …), it is not in an inbox sub-folder named after "
            + "the store (`inbox/京东旗舰店/…`), and no store was given (cskpi ingest --store NAME, or the store chosen on the upload form); "
            + "give it its store one of these three ways",
        // a shard's ingest (Jobs:Shards:{name}:Stores; ShardStores in InboxLoader): a file of a store the shard does not hold
        ["file.store_other_shard"] = "its rows are of store {store}, which shard {owner} holds (Jobs:Shards:{owner}:Stores), not this shard {shard} "
            + "(its stores: {stores}), so nothing of it was loaded here; move the file to shard {owner}'s inbox {inbox} "
            + "(a file with rows of several shards' stores is refused whole: split it by shard)",
        ["file.store_no_shard"] = "its rows are of store {store}, which no shard lists; this shard {shard} holds only {stores}, so nothing of it was loaded; "
            + "add {store} to the Stores of the shard that should hold it (Jobs:Shards:NAME:Stores) and put the file in that shard's inbox "
            + "(a file refused for its store is read again at every ingest until it loads)",
        ["file.column_missing"] = "required column missing: {columns}; the header has {headers}",
        ["file.columns_missing"] = "required columns missing: {columns}; the header has {headers}",
        ["file.layout_column_missing"] = "the header is {layout}'s, but required column missing: {columns}; the header has {headers}",
        ["file.layout_columns_missing"] = "the header is {layout}'s, but required columns missing: {columns}; the header has {headers}",
        ["file.no_metrics"] = "an agent report needs at least one metric column beside the agent, store and day; the header has {headers}",
        ["file.unterminated_quote"] = "line {line} opens a double quote that is never closed, so the rest of the file cannot be split into rows; "
            + "close the quote (a quote inside a quoted value is written twice: \"\") and drop the file again",
        ["file.csv_unsplittable"] = "its first rows cannot be split into CSV fields, most often because a double quote opens a value that is never closed; "
            + "close the quote (a quote inside a quoted value is written twice: \"\") and drop the file again",
        ["file.line_too_long"] = "a line is longer than the {max} bytes a line may hold (DuckDB: {message}); check the export for a runaway value",
        ["file.duckdb_unreadable"] = "DuckDB could not read it as {format}: {message}",
        ["file.unknown_layout"] = "its kind is unknown: the name starts with none of {kinds}, it is not in a folder named after one, and its header matches "
            + "no known layout (docs/imports.md); the closest is {layout}, which also needs {missing}",
        ["file.skip.item_rows"] = "{layout}: one row per item of an order; CsKpi counts orders, not items, and the order report (ExportOrderList) beside it "
            + "carries each order's amount and item count, so this file is not loaded",
        ["file.header_too_long"] = "line 1, the header, is longer than {max} bytes, the most a line may hold (it has more than {columns} columns), "
            + "so no row can be read; export the file again with only the columns the data contract names",
        ["file.too_many_columns"] = "line 1, the header, has {columns} columns; a file may have at most {max}, so no row was read; "
            + "export the file again with only the columns the data contract names",
        ["file.no_transcript_message"] = "no chat message was found in this transcript: a message starts with a line such as `店铺名:子账号 2026-3-8 9:05:01` or "
            + "`买家昵称 2026-3-8 9:05:01`, the nick followed by the time; copy the messages from `千牛`'s chat window again",
        ["file.not_gzip_text"] = "this {label} file is not gzip-compressed: it is plain text; rename it to {plain}",
        ["file.not_gzip"] = "this {label} file is not gzip-compressed: it is really {@content}; {@advice}",
        ["file.gzip_damaged"] = "the gzip file is truncated or damaged ({message}); the file was not loaded — export it again",
        ["file.gzip_too_large"] = "this {label} file expands to more than {allowed} bytes once decompressed (the limit for one file is {max} bytes), so it was not "
            + "unpacked further and nothing was loaded; a real export does not compress this far — check the file, or split it into smaller files",
        ["file.gzip_ratio"] = "this {label} file expands to more than {allowed} bytes once decompressed (a file may expand to {ratio} times its compressed size, "
            + "here {compressed} bytes), so it was not unpacked further and nothing was loaded; a real export does not compress this far — check the file, "
            + "or split it into smaller files",
        ["file.utf16_damaged"] = "the file is UTF-16 text (Excel's \"Unicode text\"), but it is cut in the middle of a character or has bytes that are not UTF-16; "
            + "the file was not loaded — export it again",
        ["file.really"] = "this {label} file is really {@content}; {@advice}",
        ["file.really_inner"] = "this {label} file, once decompressed, is really {@content}; {@advice}",
        ["file.zero_bytes"] = "the file is empty (0 bytes); the file was not loaded — export it again",
        ["file.empty"] = "the file is empty: no header row, {@what}; the file was not loaded — export it again",
        ["file.empty_jsonl"] = "the file is empty: no header row and no JSON records, {@what}; the file was not loaded — export it again",
        ["empty.zero_bytes"] = "0 bytes",
        ["empty.zero_bytes_inner"] = "0 bytes once decompressed",
        ["empty.bom_only"] = "only a byte order mark and white space",
        ["empty.white_space"] = "only white space",
        ["file.parquet_truncated"] = "the Parquet file is truncated: it starts with the PAR1 marker but does not end with it; the file was not loaded — export it again",
        ["file.not_parquet_jsonl"] = "not a Parquet file (no PAR1 marker at its start); it looks like JSON Lines text; rename it to .jsonl",
        ["file.not_parquet_csv"] = "not a Parquet file (no PAR1 marker at its start); it looks like CSV text; rename it to .csv",
        ["file.not_parquet_gzip"] = "not a Parquet file (no PAR1 marker at its start); it is gzip-compressed; Parquet is read uncompressed, so gunzip it (or name a compressed CSV .csv.gz)",
        ["file.not_parquet"] = "not a Parquet file (no PAR1 marker at its start); it is really {@content}; {@advice}",
        ["file.utf8_bom_invalid"] = "the file starts with a UTF-8 byte order mark, but line {line} (byte {byte}) has bytes that are not valid UTF-8 ({bytes}); "
            + "the file was not loaded — export it again as UTF-8",
        ["file.utf8_invalid"] = "the file is UTF-8 text, but line {line} (byte {byte}) has bytes that are not valid UTF-8 ({bytes}), often a character cut in half "
            + "when a value was shortened; the file was not loaded — fix that line or export the file again",
        ["file.not_gb18030"] = "the file is neither UTF-8 nor GBK/GB18030 text: line {line} (byte {byte}) has bytes ({bytes}) that neither encoding allows; "
            + "the file was not loaded — export it again as UTF-8 or GBK text",
        ["file.workbook_unreadable"] = "the workbook cannot be read ({message}); open it in Excel or WPS, save it again as .xlsx and drop it again",
        ["file.workbook_no_sheet"] = "the workbook has no sheet; export it again",
        ["file.sheet_empty"] = "the sheet '{sheet}' is empty: no header row and no data; export it again",
        ["file.xlsx_old_or_protected"] = "this .xlsx file is really an Excel 97-2003 workbook or a workbook protected by a password; open it in Excel or WPS, "
            + "remove the password and save it as .xlsx",
        ["file.xlsx_text"] = "this .xlsx file is really text; if it is CSV, rename it to .csv",
        ["content.parquet"] = "a Parquet file",
        ["content.gzip"] = "a gzip-compressed file",
        ["content.zip"] = "a zip archive",
        ["content.xlsx"] = "an Excel workbook (.xlsx)",
        ["content.old_excel"] = "an Excel 97-2003 workbook (.xls)",
        ["content.utf16"] = "UTF-16 text (what Excel saves as \"Unicode text\")",
        ["content.binary"] = "binary data (it has NUL bytes in its first KB), not text",
        ["content.text"] = "text",
        ["advice.parquet_inner"] = "gunzip it and name it .parquet (Parquet is compressed inside already)",
        ["advice.parquet"] = "rename it to .parquet",
        ["advice.gzip_inner"] = "it was compressed twice: gunzip it once and drop it again as {plain}.gz",
        ["advice.gzip"] = "rename it to {plain}.gz",
        ["advice.zip"] = "unzip it and drop the files inside into the inbox",
        ["advice.xlsx"] = "rename it to .xlsx",
        ["advice.old_excel"] = "open it in Excel or WPS, save it as .xlsx, and drop the .xlsx file",
        ["advice.utf16"] = "save or export it as UTF-8 (in Excel: \"CSV UTF-8\") and drop it again",
        ["advice.export_jsonl"] = "check that it is the export you meant and export it again as JSON Lines",
        ["advice.export_parquet"] = "check that it is the export you meant and export it again as Parquet",
        ["advice.export_xlsx"] = "check that it is the export you meant and save it again as an Excel workbook (.xlsx)",
        ["advice.export_csv"] = "check that it is the export you meant and export it again as CSV",
        // files the inbox scan leaves alone (DataContract)
        ["skip.outside_inbox"] = "the path does not lie inside the inbox",
        ["skip.hidden"] = "hidden or temporary file (its name starts with '.' or '~'); it is not read",
        ["skip.txt"] = "'.txt' files are not part of the contract: it accepts .csv, .xlsx, .jsonl and .parquet; Excel's tab-separated \"Unicode text\" export is read when it is named .csv, "
            + "and a chat transcript copied from `千牛` when it is named chats_….txt or `…聊天记录….txt`, or sits in a chats/ folder",
        ["skip.parquet_gz"] = "a Parquet file is compressed inside already and cannot be read gzipped; unzip it (gunzip) and drop the .parquet file",
        ["skip.xlsx_gz"] = "an .xlsx workbook is compressed inside already and cannot be read gzipped; unzip it (gunzip) and drop the .xlsx file",
        ["skip.json"] = "a .json file is not accepted: JSON Lines files (one object per line) end in .jsonl",
        ["skip.xls"] = "Excel 97-2003 workbooks (.xls) are not read: open it in Excel or WPS and save it as .xlsx (or CSV), then drop that file",
        ["skip.partial"] = "the file is still being written or downloaded; it is read once it is complete",
        ["skip.no_extension"] = "the name has no extension: contract files end in .csv, .xlsx, .jsonl or .parquet (.csv.gz and .jsonl.gz too)",
        ["skip.extension"] = "'{extension}' files are not part of the contract: it accepts .csv, .xlsx, .jsonl and .parquet (.csv.gz and .jsonl.gz too)",
        ["skip.wrong_folder"] = "it sits in the {folder}/ folder but its name starts with '{prefix}'; move it to the right folder or rename it, so it is not loaded as the wrong kind",

        // a loaded file's notes (InboxLoader)
        ["note.item_rows"] = "{rows} rows, one per {row}, are {orders} orders; rows are counted as orders",
        ["note.no_buyer_column"] = "the file has no buyer column, so its orders count in the store's totals but can never be credited to an agent; "
            + "crediting needs `买家会员名` (the buyer's account)",
        ["note.store_for_empty_folder"] = "rows with an empty store are {store}'s (folder {store}/)",
        ["note.store_for_empty_option"] = "rows with an empty store are {store}'s (--store {store})",
        ["note.store_folder"] = "store {store} (folder {store}/)",
        ["note.store_option"] = "store {store} (--store {store})",
    };

    /// <summary>The template with its <c>{name}</c> values filled in and its <c>`…`</c> marks dropped, as cskpi prints it.</summary>
    public static string Fill(string template, Func<string, string> value) =>
        Placeholder().Replace(template.Replace("`", "", StringComparison.Ordinal), m => m.Groups[1].Value == "@"
            ? English.TryGetValue(value(m.Groups[2].Value), out var inner) ? Fill(inner, value) : value(m.Groups[2].Value)
            : value(m.Groups[2].Value));

    /// <summary>The names a template fills in, in order.</summary>
    public static IReadOnlyList<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value + m.Groups[2].Value).ToList();

    /// <summary>
    /// A DuckDB expression of the English sentence of a row reject, set-based: <paramref name="code"/>,
    /// <paramref name="column"/>, <paramref name="value"/> and <paramref name="args"/> (a JSON object) are SQL expressions.
    /// </summary>
    public static string SqlEnglish(string code, string column, string value, string args)
    {
        var sql = new StringBuilder($"case {code}");
        foreach (var (reasonCode, template) in English.Where(r => IsRowReason(r.Key)))
        {
            sql.Append($" when {Sql.Literal(reasonCode)} then ");
            var parts = new List<string>();
            var plain = template.Replace("`", "", StringComparison.Ordinal);
            var at = 0;
            foreach (Match m in Placeholder().Matches(plain))
            {
                if (m.Index > at)
                {
                    parts.Add(Sql.Literal(plain[at..m.Index]));
                }

                var name = m.Groups[2].Value;
                parts.Add(name switch
                {
                    "column" => $"coalesce({column}, '')",
                    "value" => $"coalesce({value}, '')",
                    _ => $"coalesce(json_extract_string({args}, {Sql.Literal("$." + name)}), '')",
                });
                at = m.Index + m.Length;
            }

            if (at < plain.Length)
            {
                parts.Add(Sql.Literal(plain[at..]));
            }

            sql.Append(string.Join(" || ", parts));
        }

        return sql.Append($" else {code} end").ToString();
    }

    /// <summary>Whether the code is a row reject's (sql/raw, sql/etl) rather than a whole file's, a note or a part of one.</summary>
    public static bool IsRowReason(string code) =>
        !new[] { "file.", "content.", "advice.", "empty.", "outcome.", "skip.", "note." }.Any(p => code.StartsWith(p, StringComparison.Ordinal));

    [GeneratedRegex(@"\{(@?)([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
