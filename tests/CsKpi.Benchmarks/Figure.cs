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
            var target = f.Target is { } t ? (f.HigherIsBetter ? "≥ " : "≤ ") + Number(t) : "";
            Console.WriteLine($"{f.What.PadRight(w)}  {Number(f.Value),14}  {f.Unit,-10}  {target,12}  {f.ComparedWith} {f.Verdict}");
        }
    }

    /// <summary>Seconds of a fast step need their decimals; rows per second do not.</summary>
    private static string Number(double value) => value.ToString(Math.Abs(value) < 100 ? "N2" : "N0", System.Globalization.CultureInfo.InvariantCulture);
}
