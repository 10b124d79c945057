namespace CsKpi.Etl.Tests.Support;

/// <summary>A temporary folder for chat files and their numbered copies (<see cref="RecordNumbering"/>), deleted afterwards.</summary>
public sealed class NumberingFolder : IDisposable
{
    public const string Header = "message_id,store_id,buyer_id,agent_id,sender,sent_at,content";

    public NumberingFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"cskpi-numbering-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The numbering of <paramref name="source"/>, and its copy (empty when it gave up).</summary>
    internal (RecordNumbering.Numbered? Numbered, byte[] Copy) Number(string source, int skipLines, long splitNear, int misplace = 0, bool plainRuns = true,
        bool checkUtf8 = false)
    {
        var target = Path.Combine(Root, $"numbered-{Guid.NewGuid():N}.csv");
        RecordNumbering.Numbered? numbered;
        using (var handle = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            numbered = RecordNumbering.Write(source, handle, ',', skipLines, splitNear: splitNear, misplace: misplace, plainRuns: plainRuns, checkUtf8: checkUtf8);
        }

        var copy = File.ReadAllBytes(target);
        File.Delete(target);
        return (numbered, numbered is null ? [] : copy);
    }
}
