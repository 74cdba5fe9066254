using Microsoft.Coyote.Rewriting;
using RcuCollections.CoyoteSubstitutes;
using RcuCollections.CoyoteTests.Support;
using Xunit.Abstractions;

namespace RcuCollections.CoyoteTests;

/// <summary>
/// The Coyote traps of .NET 10 (docs/testing.md, section 7), each pinned by a test, so that a change of toolchain that
/// silently removes control shows up here first: the assemblies must be rewritten; System.Threading.Lock,
/// ManualResetEventSlim and Task.WhenAll(a, b) are not controlled by Coyote 1.7.11.
/// </summary>
public sealed class TrapTests(ITestOutputHelper output)
{
    private sealed class Box
    {
        public int Value;
    }

    [Fact]
    public void All_assemblies_under_test_are_rewritten_and_carry_the_stand_ins()
    {
        Assert.True(RewritingEngine.IsAssemblyRewritten(typeof(TrapTests).Assembly), "RcuCollections.CoyoteTests");
        Assert.True(RewritingEngine.IsAssemblyRewritten(typeof(RcuDomain).Assembly), "RcuCollections.Rcu");
        Assert.True(RewritingEngine.IsAssemblyRewritten(typeof(RcuList<int>).Assembly), "RcuCollections");
        Assert.True(RewritingEngine.IsAssemblyRewritten(typeof(ControlledLock).Assembly), "RcuCollections.CoyoteSubstitutes");

        // The substitution reached the fields that matter: the engine's events and the list's writer lock.
        Type? gpEvent = typeof(RcuDomain).GetField("_gpEvent", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.FieldType;
        Assert.Equal(typeof(ControlledManualResetEventSlim), gpEvent);
        Type? writeLock = typeof(RcuList<int>).GetField("_writeLock", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.FieldType;
        Assert.Equal(typeof(ControlledLock), writeLock);
    }

    /// <summary>The same lost update, split over two acquisitions of a lock: Coyote finds it under a Monitor lock.</summary>
    [Fact]
    public void Split_update_under_a_monitor_lock_is_found()
    {
        object gate = new();
        Exploration.Run("split update under lock(object)", () => SplitUpdate(
            read: box => { lock (gate) return box.Value; },
            write: (box, v) => { lock (gate) box.Value = v; }), iterations: 200).AssertFindsBug(output);
    }

    /// <summary>
    /// ... and misses it under System.Threading.Lock, which Coyote 1.7.11 does not know: its acquisitions are no scheduling
    /// points and it reports no uncontrolled invocation. This is why the test copy of the collections uses
    /// <see cref="ControlledLock"/> instead (the next test).
    /// </summary>
    [Fact]
    public void Split_update_under_System_Threading_Lock_is_silently_missed()
    {
        Lock gate = new();
        ExplorationResult result = Exploration.Run("split update under System.Threading.Lock", () => SplitUpdate(
            read: box => { lock (gate) return box.Value; },
            write: (box, v) => { lock (gate) box.Value = v; }), iterations: 100);
        output.WriteLine(result.Summary);
        Assert.Equal(0, result.Bugs);
        Assert.Empty(result.Uncontrolled); // silently: nothing tells you
    }

    [Fact]
    public void Split_update_under_the_controlled_stand_in_for_Lock_is_found()
    {
        ControlledLock gate = new();
        Exploration.Run("split update under ControlledLock", () => SplitUpdate(
            read: box => { using ControlledLock.Scope s = gate.EnterScope(); return box.Value; },
            write: (box, v) => { using ControlledLock.Scope s = gate.EnterScope(); box.Value = v; }), iterations: 200).AssertFindsBug(output);
    }

    /// <summary>C# 13 binds Task.WhenAll(a, b) to the params-span overload, which Coyote 1.7.11 reports as uncontrolled.</summary>
    [Fact]
    public void Task_WhenAll_of_two_tasks_is_uncontrolled_but_of_an_array_is_controlled()
    {
        ExplorationResult span = Exploration.Run("Task.WhenAll(a, b)", async () =>
        {
            Task a = Task.Run(() => { }), b = Task.Run(() => { });
            await Task.WhenAll(a, b);
        }, iterations: 5);
        output.WriteLine(span.Summary);
        Assert.Contains("System.Threading.Tasks.Task.WhenAll", span.Uncontrolled);

        ExplorationResult array = Exploration.Run("Task.WhenAll(new[] { a, b })", async () =>
        {
            Task a = Task.Run(() => { }), b = Task.Run(() => { });
            await Task.WhenAll(new[] { a, b });
        }, iterations: 5);
        array.AssertNoBug(output);
    }

    /// <summary>ManualResetEventSlim is not controlled either: Coyote lists it, and a wait on it is invisible to the scheduler.</summary>
    [Fact]
    public void ManualResetEventSlim_is_reported_as_uncontrolled()
    {
        ExplorationResult result = Exploration.Run("ManualResetEventSlim", async () =>
        {
            using var signal = new ManualResetEventSlim(false);
            Task setter = Task.Run(signal.Set);
            await setter;
            signal.Wait(0);
        }, iterations: 3);
        output.WriteLine(result.Summary);
        Assert.Contains(result.Uncontrolled, name => name.StartsWith("System.Threading.ManualResetEventSlim", StringComparison.Ordinal));
    }

    private static async Task SplitUpdate(Func<Box, int> read, Action<Box, int> write)
    {
        var box = new Box();
        Task Increment() => Task.Run(() =>
        {
            int seen = read(box);
            write(box, seen + 1);
        });
        Task a = Increment(), b = Increment();
        await Task.WhenAll(new[] { a, b });
        Microsoft.Coyote.Specifications.Specification.Assert(box.Value == 2, $"lost update: {box.Value}");
    }
}
