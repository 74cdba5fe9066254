namespace RcuCollections.Internal;

/// <summary>Adapts an <see cref="Action"/> to the intrusive queue (one small allocation per <see cref="RcuDomain.Defer(Action)"/>).</summary>
internal sealed class ActionCallback(Action action) : RcuCallback
{
    protected override void Invoke() => action();
}
