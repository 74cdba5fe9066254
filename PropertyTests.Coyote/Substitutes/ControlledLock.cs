namespace RcuCollections.CoyoteSubstitutes;

/// <summary>
/// The members of <see cref="System.Threading.Lock"/> that the collections use (the C# 13 <c>lock</c> statement on a
/// <c>Lock</c> calls <c>EnterScope</c> and disposes the returned scope), built on <see cref="Monitor"/>, which Coyote
/// controls. Substituted for <c>Lock</c> in the test copy of the collections: Coyote 1.7.11 does not know the .NET 9 type,
/// so without this a writer blocked on it is invisible to the scheduler (a false deadlock) and a race on it is never explored.
/// </summary>
public sealed class ControlledLock
{
    private readonly object _gate = new();

    /// <summary>Gets whether the calling thread holds the lock.</summary>
    public bool IsHeldByCurrentThread => Monitor.IsEntered(_gate);

    /// <summary>Enters the lock and returns the scope that exits it.</summary>
    public Scope EnterScope()
    {
        Monitor.Enter(_gate);
        return new Scope(this);
    }

    /// <summary>Enters the lock.</summary>
    public void Enter() => Monitor.Enter(_gate);

    /// <summary>Tries to enter the lock without waiting.</summary>
    public bool TryEnter() => Monitor.TryEnter(_gate);

    /// <summary>Exits the lock.</summary>
    public void Exit() => Monitor.Exit(_gate);

    /// <summary>What <see cref="EnterScope"/> returns; disposing it exits the lock once.</summary>
    public ref struct Scope
    {
        private ControlledLock? _owner;

        internal Scope(ControlledLock owner) => _owner = owner;

        /// <summary>Exits the lock (the first call only).</summary>
        public void Dispose()
        {
            ControlledLock? owner = _owner;
            if (owner is null) return;
            _owner = null;
            Monitor.Exit(owner._gate);
        }
    }
}
