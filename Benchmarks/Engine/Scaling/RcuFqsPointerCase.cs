using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Scaling;

/// <summary>The shared reference under <see cref="RcuDomain.Default"/>: readers take a read section; writers swap and Defer the old object's release.</summary>
public sealed class RcuFqsPointerCase : PointerCaseBase
{
    /// <inheritdoc />
    protected override string Variant => "rcu-fqs";

    /// <inheritdoc />
    protected override PointerWorkload CreateState(ScalingParameters parameters) => new State(parameters);

    private sealed class State(ScalingParameters parameters) : PointerWorkload(parameters)
    {
        private static readonly Action s_release = static () => { };

        public override long Read()
        {
            using RcuReadGuard guard = RcuDomain.Default.ReadLock();
            // Acquire load: pairs with the writer's Interlocked.Exchange (a full fence, so also a release).
            return Volatile.Read(ref Current).Value;
        }

        public override void Write(long value)
        {
            SharedValue old = Interlocked.Exchange(ref Current, new SharedValue(value));
            GC.KeepAlive(old);
            RcuDomain.Default.Defer(s_release); // stands for "release old after a grace period"
        }
    }
}
