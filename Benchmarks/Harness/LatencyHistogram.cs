using System.Diagnostics;
using System.Numerics;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// A log-linear histogram of latencies in nanoseconds: exact below 64 ns, then 32 buckets per power of two
/// (relative error under 3.2 %). Recording is O(1) and allocation-free, so a measuring thread can record a
/// sample without disturbing what it measures; histograms of several threads and runs are merged afterwards.
/// </summary>
/// <remarks>Not thread-safe: each thread records into its own instance.</remarks>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;                  // 32 sub-buckets per power of two
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int LinearLimit = SubBucketCount * 2;    // values below 64 get a bucket each
    private const int BucketCount = LinearLimit + (63 - SubBucketBits) * SubBucketCount;

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _min = long.MaxValue;
    private long _max;
    private double _sum;

    /// <summary>Gets the number of recorded samples.</summary>
    public long Count => _count;

    /// <summary>Gets the largest recorded sample in nanoseconds (exact), or 0 when empty.</summary>
    public long Max => _max;

    /// <summary>Gets the smallest recorded sample in nanoseconds (exact), or 0 when empty.</summary>
    public long Min => _count == 0 ? 0 : _min;

    /// <summary>Gets the mean in nanoseconds, or <see cref="double.NaN"/> when empty.</summary>
    public double Mean => _count == 0 ? double.NaN : _sum / _count;

    /// <summary>Records one latency.</summary>
    /// <param name="nanoseconds">The latency in nanoseconds; negative values (clock quirks) count as 0.</param>
    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
            nanoseconds = 0;
        _counts[BucketOf(nanoseconds)]++;
        _count++;
        _sum += nanoseconds;
        if (nanoseconds > _max)
            _max = nanoseconds;
        if (nanoseconds < _min)
            _min = nanoseconds;
    }

    /// <summary>Records a latency given as a <see cref="Stopwatch"/> timestamp difference.</summary>
    /// <param name="ticks">The difference of two <see cref="Stopwatch.GetTimestamp"/> values.</param>
    public void RecordTicks(long ticks) => Record(TimeUnits.TicksToNanoseconds(ticks));

    /// <summary>Adds every sample of <paramref name="other"/> to this histogram.</summary>
    /// <param name="other">The histogram to merge in; unchanged.</param>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < BucketCount; i++)
            _counts[i] += other._counts[i];
        _count += other._count;
        _sum += other._sum;
        if (other._count > 0)
        {
            _max = Math.Max(_max, other._max);
            _min = Math.Min(_min, other._min);
        }
    }

    /// <summary>Removes every sample.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        _count = 0;
        _sum = 0;
        _max = 0;
        _min = long.MaxValue;
    }

    /// <summary>
    /// Gets the value at quantile <paramref name="quantile"/> (nearest rank; the bucket's midpoint, clamped to
    /// the exact minimum and maximum), or <see cref="double.NaN"/> when empty.
    /// </summary>
    /// <param name="quantile">A quantile in [0, 1], for example 0.99.</param>
    /// <returns>The latency in nanoseconds.</returns>
    public double ValueAtQuantile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1.0);
        if (_count == 0)
            return double.NaN;
        long rank = Math.Max(1, (long)Math.Ceiling(quantile * _count));
        if (rank >= _count)
            return _max; // the top rank is the exact maximum, not a bucket midpoint
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                double mid = (LowerBound(i) + UpperBound(i)) / 2.0;
                return Math.Clamp(mid, _min, _max);
            }
        }
        return _max;
    }

    /// <summary>Summarises the histogram as count, p50, p99 and max.</summary>
    /// <returns>The summary (all NaN but the count when empty).</returns>
    public LatencySummary Summarize() =>
        _count == 0
            ? LatencySummary.Empty
            : new LatencySummary(_count, ValueAtQuantile(0.50), ValueAtQuantile(0.99), _max);

    /// <summary>
    /// Gets the (quantile, latency) points of the distribution for a percentile chart: one point per non-empty
    /// bucket, quantile being the fraction of samples at or below that bucket.
    /// </summary>
    /// <returns>The points in ascending order.</returns>
    public IReadOnlyList<(double Quantile, double Nanoseconds)> QuantilePoints()
    {
        var points = new List<(double, double)>();
        long seen = 0;
        for (int i = 0; i < BucketCount && seen < _count; i++)
        {
            if (_counts[i] == 0)
                continue;
            seen += _counts[i];
            points.Add(((double)seen / _count, Math.Clamp(UpperBound(i), _min, _max)));
        }
        return points;
    }

    private static int BucketOf(long value)
    {
        if (value < LinearLimit)
            return (int)value;
        int msb = 63 - BitOperations.LeadingZeroCount((ulong)value);   // >= SubBucketBits + 1
        int sub = (int)(value >> (msb - SubBucketBits)) & (SubBucketCount - 1);
        int bucket = LinearLimit + (msb - SubBucketBits - 1) * SubBucketCount + sub;
        Debug.Assert(bucket < BucketCount);
        return bucket;
    }

    private static double LowerBound(int bucket)
    {
        if (bucket < LinearLimit)
            return bucket;
        int offset = bucket - LinearLimit;
        int msb = offset / SubBucketCount + SubBucketBits + 1;
        int sub = offset % SubBucketCount;
        return (double)(1L << msb) + sub * (double)(1L << (msb - SubBucketBits));
    }

    private static double UpperBound(int bucket)
    {
        if (bucket < LinearLimit)
            return bucket;
        int offset = bucket - LinearLimit;
        int msb = offset / SubBucketCount + SubBucketBits + 1;
        return LowerBound(bucket) + (double)(1L << (msb - SubBucketBits)) - 1;
    }
}
