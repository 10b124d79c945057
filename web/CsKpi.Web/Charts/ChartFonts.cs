namespace CsKpi.Web.Charts;

/// <summary>
/// The CJK font the charts draw Chinese with. ScottPlot's <c>Fonts.Detect</c> and SkiaSharp's character matching
/// find nothing on a bare Linux even with a CJK font installed, so the font is found by its file: the path in
/// <c>Charts:FontFile</c> first, then the usual places of WenQuanYi, Noto CJK and the Windows and macOS fonts.
/// Without one, charts draw Latin labels and the pages say which package to install: never boxes.
/// </summary>
public sealed class ChartFonts
{
    public const string FamilyName = "CsKpi CJK";
    public const string Packages = "fonts-wqy-microhei / fonts-noto-cjk";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
        @"C:\Windows\Fonts\msyh.ttc",
        @"C:\Windows\Fonts\simhei.ttf",
        @"C:\Windows\Fonts\simsun.ttc",
        "/System/Library/Fonts/PingFang.ttc",
        "/System/Library/Fonts/STHeiti Medium.ttc",
        "/Library/Fonts/Arial Unicode.ttf",
    ];

    private static readonly string[] FileNames = ["wqy-microhei.ttc", "wqy-zenhei.ttc", "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf"];

    private static readonly Lock RegisterLock = new();
    private static readonly HashSet<string> Registered = [];

    private ChartFonts(string? file) => File = file;

    /// <summary>The font file in use, or null when none was found.</summary>
    public string? File { get; }

    public bool HasCjk => File is not null;

    /// <summary>Finds the font (configured file first) and registers it with ScottPlot under <see cref="FamilyName"/>.</summary>
    public static ChartFonts Find(string? configuredFile)
    {
        var file = new[] { configuredFile }.Concat(Candidates).FirstOrDefault(f => !string.IsNullOrWhiteSpace(f) && System.IO.File.Exists(f))
            ?? SearchFolders();
        if (file is not null)
        {
            lock (RegisterLock)
            {
                if (Registered.Add(file))
                {
                    ScottPlot.Fonts.AddFontFile(FamilyName, file);
                }
            }
        }

        return new ChartFonts(file);
    }

    /// <summary>No CJK font: what a chart draws with (Latin labels only).</summary>
    public static ChartFonts None { get; } = new(null);

    private static string? SearchFolders()
    {
        foreach (var root in new[] { "/usr/share/fonts", "/usr/local/share/fonts", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts") })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var name in FileNames)
            {
                var found = Directory.EnumerateFiles(root, name, SearchOption.AllDirectories).FirstOrDefault();
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
