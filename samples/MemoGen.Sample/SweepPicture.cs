using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;
using SkiaSharp;

namespace MemoGen.Sample;

/// <summary>
/// The sweep as a PNG: on the left a heat map of the pattern's mean V over feed and kill rate (Pearson's map), on the
/// right the final dishes of the six most striking points.
/// </summary>
public static class SweepPicture
{
    private const int MapWidth = 760, Height = 760, ThumbnailColumns = 3, ThumbnailRows = 2, ThumbnailWidth = 300, Gutter = 8;

    /// <summary>Writes the picture of a sweep over <paramref name="feeds"/> × <paramref name="kills"/> (kill across, feed up).</summary>
    public static void Write(string path, IReadOnlyList<PointResult> results, double[] feeds, double[] kills)
    {
        int width = MapWidth + (ThumbnailColumns * ThumbnailWidth);
        using var surface = SKSurface.Create(new SKImageInfo(width, Height));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        List<PointResult> striking = MostStriking(results, feeds, kills, ThumbnailColumns * ThumbnailRows);
        Draw(canvas, PhaseMap(results, feeds, kills, striking), 0, 0, MapWidth, Height);
        for (int i = 0; i < striking.Count; i++)
        {
            int column = i % ThumbnailColumns, row = i / ThumbnailColumns;
            Draw(canvas, Dish(striking[i], i + 1), MapWidth + (column * ThumbnailWidth) + Gutter, (row * Height / ThumbnailRows) + Gutter,
                ThumbnailWidth - (2 * Gutter), (Height / ThumbnailRows) - (2 * Gutter));
        }

        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>Renders <paramref name="plot"/> on a surface of its own and draws that at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    private static void Draw(SKCanvas canvas, Plot plot, int x, int y, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        plot.Render(surface);
        using SKImage image = surface.Snapshot();
        canvas.DrawImage(image, x, y);
    }

    private static Plot PhaseMap(IReadOnlyList<PointResult> results, double[] feeds, double[] kills, List<PointResult> striking)
    {
        var intensities = new double[feeds.Length, kills.Length];
        foreach (PointResult result in results)
        {
            int row = feeds.Length - 1 - Array.IndexOf(feeds, result.Parameters.Feed);
            intensities[row, Array.IndexOf(kills, result.Parameters.Kill)] = result.MeanV;
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Position = new CoordinateRect(kills[0], kills[^1], feeds[0], feeds[^1]);  // the centers of the corner cells
        plot.Add.ColorBar(heatmap).Label = "mean V: how much of the dish the pattern covers";
        for (int i = 0; i < striking.Count; i++)
        {
            ReactionParameters shown = striking[i].Parameters;
            plot.Add.Marker(shown.Kill, shown.Feed, MarkerShape.OpenCircle, size: 22, color: Colors.White);
            var number = plot.Add.Text($"{i + 1}", shown.Kill, shown.Feed);
            number.LabelFontColor = Colors.White;
            number.LabelFontSize = 13;
            number.LabelBold = true;
            number.LabelAlignment = Alignment.MiddleCenter;
        }

        plot.Title($"Gray–Scott reaction–diffusion, {results.Count} runs (circled: the dishes at right)", size: 14);
        plot.XLabel("kill rate k");
        plot.YLabel("feed rate F");
        plot.Axes.Margins(0, 0);
        return plot;
    }

    private static Plot Dish(PointResult result, int number)
    {
        int n = result.Parameters.Grid;
        var intensities = new double[n, n];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                intensities[y, x] = result.Field[(y * n) + x];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Colormap = new ScottPlot.Colormaps.Magma();
        plot.Axes.Frameless();
        plot.Title($"{number}: {result.Parameters.Label}", size: 15);
        plot.Axes.Margins(0, 0);
        return plot;
    }

    /// <summary>
    /// The points with the most contrast (not a blank dish), preferring points at least two sweep steps from those
    /// already picked, so the thumbnails show different patterns rather than six neighbours.
    /// </summary>
    private static List<PointResult> MostStriking(IReadOnlyList<PointResult> results, double[] feeds, double[] kills, int count)
    {
        List<PointResult> candidates = [.. results.Where(r => r.Contrast > 0.01).OrderByDescending(r => r.Contrast)];
        var picked = new List<PointResult>();
        foreach (int minimumGap in (int[])[2, 1])
        {
            foreach (PointResult candidate in candidates)
            {
                if (picked.Count < count && picked.All(p => Gap(p, candidate, feeds, kills) >= minimumGap))
                {
                    picked.Add(candidate);
                }
            }
        }

        return picked;
    }

    /// <summary>How many sweep steps apart two points are, in the parameter where they are farther apart.</summary>
    private static int Gap(PointResult a, PointResult b, double[] feeds, double[] kills) => Math.Max(
        Math.Abs(Array.IndexOf(feeds, a.Parameters.Feed) - Array.IndexOf(feeds, b.Parameters.Feed)),
        Math.Abs(Array.IndexOf(kills, a.Parameters.Kill) - Array.IndexOf(kills, b.Parameters.Kill)));
}
