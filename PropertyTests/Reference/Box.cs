using System.Collections.Concurrent;

namespace RcuCollections.Tests.Reference;

/// <summary>
/// A published object with an id, a disposal count, and a poison check: <see cref="AssertAlive"/> throws if the box was
/// disposed, which is what a reader inside a read section must never see.
/// </summary>
public sealed class Box(int id) : IDisposable
{
    private int _disposals;

    /// <summary>Gets the id.</summary>
    public int Id { get; } = id;

    /// <summary>Gets how many times it was disposed.</summary>
    public int Disposals => Volatile.Read(ref _disposals);

    /// <inheritdoc/>
    public void Dispose() => Interlocked.Increment(ref _disposals);

    /// <summary>Throws if the box was disposed.</summary>
    public void AssertAlive()
    {
        if (Disposals != 0) throw new InvalidOperationException($"box {Id} was disposed while a reader inside a section still held it");
    }
}

/// <summary>One box per id for one run, so that ids name instances and CompareExchange can be given the published one.</summary>
public sealed class BoxInterner
{
    private readonly ConcurrentDictionary<int, Box> _boxes = new();

    /// <summary>The box with <paramref name="id"/> (the same instance every time).</summary>
    public Box Of(int id) => _boxes.GetOrAdd(id, static i => new Box(i));
}
