namespace RcuCollections.Tests.Engine;

/// <summary>The real engine behind <see cref="IRcuUnderTest"/>.</summary>
public sealed class DomainUnderTest(RcuOptions options) : IRcuUnderTest
{
    private readonly RcuDomain _domain = new(options);

    /// <summary>Gets the domain under test (for its statistics).</summary>
    public RcuDomain Domain => _domain;

    public void ReadSection(Action body)
    {
        using RcuReadGuard guard = _domain.ReadLock();
        body();
    }

    public void Defer(Action callback) => _domain.Defer(callback);

    public void Synchronize() => _domain.Synchronize();

    public void Barrier() => _domain.Barrier();

    public void Dispose() => _domain.Dispose();
}
