namespace RcuCollections.Tests.Engine;

/// <summary>The few engine operations the grace-period property drives, so it can also run against a broken engine.</summary>
public interface IRcuUnderTest : IDisposable
{
    /// <summary>Runs <paramref name="body"/> inside a (possibly nested) read section on the calling thread.</summary>
    void ReadSection(Action body);

    /// <summary>Defers a callback until after a grace period.</summary>
    void Defer(Action callback);

    /// <summary>Waits for a grace period.</summary>
    void Synchronize();

    /// <summary>Waits until every callback deferred before the call has run.</summary>
    void Barrier();
}
