using RcuCollections.Benchmarks.Baselines.LegacyRcu;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Scaling;

/// <summary>The shared reference under the pre-patch engine port (QEMU's default build: full fences), for comparison with <see cref="RcuFqsPointerCase"/>.</summary>
public sealed class RcuLegacyPointerCase : PointerCaseBase
{
    /// <inheritdoc />
    protected override string Variant => "rcu-legacy";

    /// <inheritdoc />
    protected override PointerWorkload CreateState(ScalingParameters parameters) => new State(parameters);

    private sealed class State(ScalingParameters parameters) : PointerWorkload(parameters)
    {
        private static readonly Action s_release = static () => { };
        private readonly LegacyRcuDomain _domain = new();

        public override long Read()
        {
            _domain.ReadLockCore();
            long value = Volatile.Read(ref Current).Value; // acquire: pairs with the writer's exchange
            _domain.ReadUnlock();
            return value;
        }

        public override void Write(long value)
        {
            SharedValue old = Interlocked.Exchange(ref Current, new SharedValue(value));
            GC.KeepAlive(old);
            _domain.Defer(s_release);
        }

        public override void Dispose() => _domain.Dispose();
    }
}
