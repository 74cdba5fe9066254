using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Scaling;

/// <summary>The shared reference under <see cref="ReaderWriterLockSlim"/>: the classic read-mostly baseline.</summary>
public sealed class ReaderWriterLockSlimPointerCase : PointerCaseBase
{
    /// <inheritdoc />
    protected override string Variant => "rwls";

    /// <inheritdoc />
    protected override PointerWorkload CreateState(ScalingParameters parameters) => new State(parameters);

    private sealed class State(ScalingParameters parameters) : PointerWorkload(parameters)
    {
        private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

        public override long Read()
        {
            _lock.EnterReadLock();
            long value = Current.Value;
            _lock.ExitReadLock();
            return value;
        }

        public override void Write(long value)
        {
            _lock.EnterWriteLock();
            Current = new SharedValue(value);
            _lock.ExitWriteLock();
        }

        public override void Dispose() => _lock.Dispose();
    }
}
