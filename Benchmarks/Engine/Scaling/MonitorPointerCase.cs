using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Scaling;

/// <summary>The shared reference under a plain C# <c>lock</c> for reads and writes alike.</summary>
public sealed class MonitorPointerCase : PointerCaseBase
{
    /// <inheritdoc />
    protected override string Variant => "lock";

    /// <inheritdoc />
    protected override PointerWorkload CreateState(ScalingParameters parameters) => new State(parameters);

    private sealed class State(ScalingParameters parameters) : PointerWorkload(parameters)
    {
        private readonly object _gate = new();

        public override long Read()
        {
            lock (_gate)
                return Current.Value;
        }

        public override void Write(long value)
        {
            lock (_gate)
                Current = new SharedValue(value);
        }
    }
}
