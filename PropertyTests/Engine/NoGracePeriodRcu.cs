namespace RcuCollections.Tests.Engine;

/// <summary>
/// A deliberately broken engine for the property's teeth: it runs deferred callbacks at once and never waits in
/// Synchronize, as an engine that forgot to wait for pre-existing readers would.
/// </summary>
public sealed class NoGracePeriodRcu : IRcuUnderTest
{
    public void ReadSection(Action body) => body();

    public void Defer(Action callback) => callback();

    public void Synchronize()
    {
    }

    public void Barrier()
    {
    }

    public void Dispose()
    {
    }
}
