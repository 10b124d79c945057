namespace CsKpi.Seed.People;

/// <summary>The default ladder of career.md: level codes, names, coefficient range, and what an agent costs a month.</summary>
public sealed record LevelStep(string Code, string Name, decimal MinCoefficient, decimal MaxCoefficient, int MonthlyCostYuan)
{
    public static readonly IReadOnlyList<LevelStep> Ladder =
    [
        new("L1", "新员工", 0.8m, 1.0m, 5000),
        new("L2", "特殊技能新员工", 0.9m, 1.1m, 5600),
        new("L3", "老员工", 1.0m, 1.3m, 6800),
        new("L4", "组长", 1.2m, 1.5m, 9000),
        new("L5", "部门主管", 1.4m, 1.8m, 13000),
        new("L6", "部门经理", 1.6m, 2.2m, 18000),
        new("L7", "公司高层", 2.0m, 3.0m, 30000),
    ];

    public int Rank => Code[1] - '0';

    public static LevelStep Of(string code) => Ladder[code[1] - '1'];

    public LevelStep? Next => Rank < Ladder.Count ? Ladder[Rank] : null;
}
