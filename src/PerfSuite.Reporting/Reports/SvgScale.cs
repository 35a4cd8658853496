using System.Globalization;

namespace PerfSuite.Reporting.Reports;

/// <summary>A linear axis from 0 (or a given minimum) to a "nice" maximum with 1-2-5 ticks, mapped onto pixels.</summary>
internal sealed class SvgScale
{
    private readonly double _pixelStart;
    private readonly double _pixelEnd;

    public SvgScale(double min, double dataMax, double pixelStart, double pixelEnd, int targetTicks = 5)
    {
        Min = min;
        var span = Math.Max(dataMax - min, 1e-9);
        Step = NiceStep(span / targetTicks);
        Max = min + Math.Ceiling(span / Step) * Step;
        _pixelStart = pixelStart;
        _pixelEnd = pixelEnd;
    }

    public double Min { get; }

    public double Max { get; }

    public double Step { get; }

    public IEnumerable<double> Ticks()
    {
        for (var v = Min; v <= Max + Step / 2; v += Step)
        {
            yield return v;
        }
    }

    public double Pixel(double value) => _pixelStart + (value - Min) / (Max - Min) * (_pixelEnd - _pixelStart);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var normalized = rough / magnitude;
        var nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
