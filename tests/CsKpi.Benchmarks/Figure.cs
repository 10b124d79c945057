namespace CsKpi.Benchmarks;

/// <summary>One measured figure and what it is compared with in the same run.</summary>
public sealed record Figure(string What, double Value, string Unit, string ComparedWith, double? Target = null, bool HigherIsBetter = true)
{
    public string Verdict => Target is not { } t ? "" : (HigherIsBetter ? Value >= t : Value <= t) ? "meets target" : "MISSES target";

    public static void Print(IReadOnlyList<Figure> figures)
    {
        var w = figures.Max(f => f.What.Length);
        Console.WriteLine();
        Console.WriteLine($"{"figure".PadRight(w)}  {"value",14}  {"unit",-10}  {"target",12}  compared with");
        foreach (var f in figures)
        {
            var target = f.Target is { } t ? (f.HigherIsBetter ? "≥ " : "≤ ") + t.ToString("N0") : "";
            Console.WriteLine($"{f.What.PadRight(w)}  {f.Value,14:N0}  {f.Unit,-10}  {target,12}  {f.ComparedWith} {f.Verdict}");
        }
    }
}
