using System.Globalization;

namespace Palisade.Benchmarks.Nftables;

/// <summary>Repeated measurements of one figure, summarised as the median (the figure to compare) and the max.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public double Median
    {
        get
        {
            if (_values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _values.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Max => _values.Count == 0 ? double.NaN : _values.Max();

    public void Add(double value) => _values.Add(value);

    public void Add(TimeSpan value) => _values.Add(value.TotalMilliseconds);

    /// <summary>"412 / 530 ms": median and max in milliseconds.</summary>
    public string MillisecondsText() => string.Create(CultureInfo.InvariantCulture, $"{Median,5:F0} / {Max,5:F0} ms");
}
