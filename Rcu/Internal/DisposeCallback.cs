namespace RcuCollections.Internal;

/// <summary>Disposes a retired resource after a grace period (<see cref="RcuDomain.Retire(IDisposable)"/>).</summary>
internal sealed class DisposeCallback(IDisposable resource) : RcuCallback
{
    protected override void Invoke() => resource.Dispose();
}
