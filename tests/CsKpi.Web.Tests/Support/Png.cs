using SkiaSharp;

namespace CsKpi.Web.Tests.Support;

/// <summary>Decodes a PNG and says whether anything is drawn on it.</summary>
public static class Png
{
    public static void AssertDrawn(byte[] bytes, int width, int height)
    {
        Assert.True(bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P', "not a PNG");
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        var colours = new HashSet<uint>();
        var inked = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var pixel = bitmap.GetPixel(x, y);
                colours.Add((uint)pixel);
                if (pixel.Red < 200 || pixel.Green < 200 || pixel.Blue < 200)
                {
                    inked++;
                }
            }
        }

        Assert.True(colours.Count > 10, $"only {colours.Count} colours: a blank chart");
        Assert.True(inked > 500, $"only {inked} dark pixels: a blank chart");
    }

    /// <summary>The share of pixels of a colour close to the given one (the series' lines and bars).</summary>
    public static int Count(byte[] bytes, SKColor colour, int tolerance = 30)
    {
        using var bitmap = SKBitmap.Decode(bytes);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - colour.Red) < tolerance && Math.Abs(p.Green - colour.Green) < tolerance && Math.Abs(p.Blue - colour.Blue) < tolerance)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
