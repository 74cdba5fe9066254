using FsCheck;
using FsCheck.Fluent;
using RcuCollections.Linearizability;
using Xunit.Abstractions;

namespace RcuCollections.Tests.AddressSpaces.Linearizability;

/// <summary>
/// Translate and Snapshot against concurrent commits, checked for linearizability with the checker library; plus its
/// teeth: a RemapBoth split into two commits must be caught by a Snapshot seeing half of it.
/// </summary>
public class AddressSpaceLinearizabilityTests(ITestOutputHelper output)
{
    private static readonly Gen<WindowOperation> s_operations =
        from command in Gen.Frequency(
            (2, Gen.Constant(WindowCommand.Remap)),
            (2, Gen.Constant(WindowCommand.RemapBoth)),
            (3, Gen.Constant(WindowCommand.Translate)),
            (3, Gen.Constant(WindowCommand.Snapshot)))
        from window in Gen.Choose(0, 1)
        select new WindowOperation(command, window, 0, 0);

    [Fact]
    public void TranslateAndSnapshot_AgainstConcurrentCommits_AreLinearizable()
    {
        LinearizabilityReport report = Property(() => new WindowMapUnderTest()).Check();
        output.WriteLine(report.ToString());
    }

    [Fact]
    public void Teeth_ASplitTransaction_IsCaughtAsAMixedView()
    {
        LinearizabilityReport report = Property(() => new WindowMapUnderTest(splitTransactions: true)).Run(new LinearizabilityTestOptions
        {
            // Bounded by the time budget, not the count: some seeds need more than 100 scenarios to put a Snapshot
            // inside the split (seen on two loaded cores, where 100 scenarios took under 2 s).
            Scenarios = 2_000,
            TimeBudget = TimeSpan.FromSeconds(6),
            ShrinkTimeBudget = TimeSpan.FromSeconds(1),
        });
        output.WriteLine(report.ToString());
        Assert.False(report.Passed, "the property must catch a snapshot that sees half of a RemapBoth");
        Assert.Equal(LinearizabilityFailureKind.NotLinearizable, report.FailureKind);
    }

    private static LinearizabilityProperty<WindowMapUnderTest, WindowState, WindowOperation, WindowResult> Property(Func<WindowMapUnderTest> factory) =>
        LinearizabilityProperty.Create(factory, s_operations, static (map, operation) => map.Execute(operation), new WindowMapModel(), MakeUnique);

    /// <summary>Remaps get unique pages from the operation's position, so every read names the write it saw.</summary>
    private static WindowOperation MakeUnique(WindowOperation operation, int position) =>
        operation with { Page = 2 * position, OtherPage = (2 * position) + 1 };
}
