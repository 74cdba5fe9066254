namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Measures several variants of one figure in rounds, each round running every variant once in turn, after one
/// discarded warm-up round. On this shared VM figures drift by up to 2x over minutes; interleaving makes a ratio
/// compare variants measured seconds apart rather than a minute apart.
/// </summary>
public sealed class InterleavedMeasurement
{
    private readonly List<(string Name, Func<TimeSpan, double> Measure)> _variants = [];

    /// <summary>Adds a variant.</summary>
    /// <param name="name">The variant's name (unique).</param>
    /// <param name="measure">Measures it once over the given window and returns the figure.</param>
    public void Add(string name, Func<TimeSpan, double> measure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(measure);
        if (_variants.Any(v => v.Name == name))
            throw new ArgumentException($"Variant '{name}' was already added.", nameof(name));
        _variants.Add((name, measure));
    }

    /// <summary>Runs one warm-up round and <paramref name="runs"/> measured rounds.</summary>
    /// <param name="duration">The window of each variant in each round.</param>
    /// <param name="runs">Measured rounds.</param>
    /// <param name="progress">Optional progress (round numbers).</param>
    /// <param name="cancellationToken">Stops between variants.</param>
    /// <returns>Per variant name, the statistics of its rounds.</returns>
    public IReadOnlyDictionary<string, RunStatistics> Run(TimeSpan duration, int runs, ProgressReporter? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var values = _variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (int round = 0; round <= runs; round++)
        {
            progress?.Detail(round == 0 ? "warm-up round" : $"round {round}/{runs}");
            foreach ((string name, Func<TimeSpan, double> measure) in _variants)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double value = measure(duration);
                if (round > 0)
                    values[name].Add(value);
            }
        }
        return values.ToDictionary(kv => kv.Key, kv => RunStatistics.Of(kv.Value));
    }
}
