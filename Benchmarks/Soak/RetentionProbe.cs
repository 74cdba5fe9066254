namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Weak references to a sample of retired values. Once such a value has been disposed, nothing but the domain's
/// spent callback can have referred to it, so after a full GC it must be gone: one still alive is kept reachable by
/// something the domain holds (a run callback node still linked from a live one, say), which is how a heap grows.
/// The references are preallocated and re-pointed with <see cref="WeakReference{T}.SetTarget"/>: no allocation.
/// </summary>
public sealed class RetentionProbe
{
    private const int Size = 1024;
    private const int SampleOneIn = 4;

    private readonly WeakReference<SoakValue?>[] _references = new WeakReference<SoakValue?>[Size];
    private readonly SoakLog _log;
    private readonly string _name;
    private int _retired;
    private int _sampled;

    /// <summary>Creates the probe.</summary>
    /// <param name="log">The verdict log.</param>
    /// <param name="name">For messages.</param>
    public RetentionProbe(SoakLog log, string name)
    {
        _log = log;
        _name = name;
        for (int i = 0; i < Size; i++)
            _references[i] = new WeakReference<SoakValue?>(null);
    }

    /// <summary>
    /// Records a value just handed to <see cref="RcuDomain.Retire"/>: one in four joins the sample until it is full,
    /// so the sample spreads over the time since the last check.
    /// </summary>
    /// <param name="value">The value.</param>
    public void NoteRetired(SoakValue value)
    {
        if (Interlocked.Increment(ref _retired) % SampleOneIn != 0)
            return;
        int slot = Interlocked.Increment(ref _sampled) - 1;
        if (slot < Size)
            _references[slot].SetTarget(value);
    }

    /// <summary>
    /// After Barrier and a full, compacting GC (workers paused): every sampled value that was disposed must have been
    /// collected. Clears the sample.
    /// </summary>
    public void Check()
    {
        int retained = 0;
        foreach (WeakReference<SoakValue?> reference in _references)
        {
            if (reference.TryGetTarget(out SoakValue? value) && value is not null && value.IsDisposed)
                retained++;
            reference.SetTarget(null);
        }
        Volatile.Write(ref _sampled, 0);
        if (retained > 0)
            _log.Violation($"{_name}: {retained} of {Size} sampled retired values were disposed and still reachable after a full GC (the domain keeps spent callbacks alive)");
    }
}
