using CsKpi.Seed.Contract;
using CsKpi.Seed.People;

namespace CsKpi.Seed.Output;

/// <summary>
/// How HR keeps a kind in Excel: Chinese headers (as its own sheets name them), Chinese wording for the codes,
/// real date cells, numbers as numbers, and sometimes a title row above the header.
/// </summary>
public sealed record HrSheet(string SheetName, string? Title, IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Wording)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    public static HrSheet For(string kind) => kind switch
    {
        // HR rosters name the agent's account 子账号 (the platform's sub-account), the contract's other alias.
        "agents" => new("花名册", null, new Dictionary<string, string> { ["agent_id"] = "子账号" }, new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["role"] = new Dictionary<string, string> { ["presale"] = "售前", ["aftersale"] = "售后", ["both"] = "售前售后" },
            ["level"] = LevelStep.Ladder.ToDictionary(l => l.Code, l => l.Name),
        }),
        "courses" => new("课程目录", null, NoHeaders, new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["category"] = new Dictionary<string, string>
            {
                ["product"] = "产品", ["tools"] = "工具流程", ["scripts"] = "话术", ["logistics"] = "仓储物流",
                ["promotions"] = "活动优惠", ["policy"] = "公司制度", ["platform_rules"] = "平台规则", ["mindset"] = "职业心态",
            },
            ["required_for_level"] = LevelStep.Ladder.ToDictionary(l => l.Code, l => l.Name),
        }),
        // The training log carries a title row above its header, as a sheet made for printing does.
        "training" => new("培训记录", "客服培训记录", NoHeaders, new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["status"] = new Dictionary<string, string> { ["planned"] = "计划", ["in_progress"] = "进行中", ["completed"] = "已完成" },
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"HR keeps no {kind} sheet; only agents, courses and training"),
    };

    public string HeaderOf(Column column) => Headers.GetValueOrDefault(column.Name, column.ChineseName);
}

/// <summary>A contract table as an HR workbook (small files: the rows are held until the file is closed).</summary>
internal sealed class XlsxTableWriter : TableWriter
{
    private readonly ContractTable _table;
    private readonly HrSheet _sheet;
    private readonly List<object?[]> _rows = [];

    public XlsxTableWriter(string path, ContractTable table, HrSheet sheet) : base(path)
    {
        _table = table;
        _sheet = sheet;
        var width = table.Columns.Count;
        if (sheet.Title is { } title)
        {
            var titleRow = new object?[width];
            titleRow[0] = title;
            _rows.Add(titleRow);
        }

        _rows.Add(table.Columns.Select(c => (object?)sheet.HeaderOf(c)).ToArray());
    }

    public override void Write(RowBatch batch)
    {
        var columns = _table.Columns;
        for (var row = 0; row < batch.Count; row++)
        {
            var cells = new object?[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                cells[c] = batch.HasRaw && batch.Raw[c]?[row] is { } raw ? raw : Cell(batch, row, c, columns[c]);
            }

            _rows.Add(cells);
        }

        Rows += batch.Count;
    }

    private object? Cell(RowBatch batch, int row, int c, Column column)
    {
        if (column.Type == ColumnType.Text)
        {
            var text = batch.Text[c][row];
            return text is not null && _sheet.Wording.GetValueOrDefault(column.Name) is { } words ? words.GetValueOrDefault(text, text) : text;
        }

        if (!batch.Present[c][row])
        {
            return null;
        }

        var value = batch.Number[c][row];
        return column.Type switch
        {
            ColumnType.Integer => value,
            ColumnType.Timestamp => new DateTime(value),
            ColumnType.Date => DateOnly.FromDayNumber((int)value).ToDateTime(TimeOnly.MinValue),
            _ => value / 100m,
        };
    }

    public override void Dispose() => Xlsx.Write(Path, _rows, _sheet.SheetName);
}
