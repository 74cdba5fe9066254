using Microsoft.Coyote.Specifications;

namespace RcuCollections.CoyoteTests.Support;

/// <summary>A resource that records its own reclamation, so that a reader can tell that it used freed memory.</summary>
public sealed class Poisonable : IDisposable
{
    private int _freed;

    public Poisonable(int id) => Id = id;

    public int Id { get; }

    public bool Freed => Volatile.Read(ref _freed) != 0;

    public int FreeCount => Volatile.Read(ref _freed);

    /// <summary>Reclaims it (what a free, a dispose or a recycle does to the real memory).</summary>
    public void Dispose() => Interlocked.Increment(ref _freed);

    /// <summary>The use of a reference a reader obtained: fails the iteration if the resource was already reclaimed.</summary>
    public void Use(string where) =>
        Specification.Assert(!Freed, $"use after free: {where} used resource {Id} after it was reclaimed");
}
