using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// FsCheck properties over random multi-thread schedules of nested sections, Defer, Synchronize and Barrier:
/// every callback runs exactly once and never before a read section that began before its Defer has ended;
/// Synchronize and Barrier never return inside such a section; Barrier returns after every earlier callback.
/// </summary>
public class GracePeriodPropertyTests
{
    private static readonly RcuOptions FastPolling = new() { PollInterval = TimeSpan.FromMilliseconds(1) };

    [Property(MaxTest = 60)]
    public Property RealEngine_KeepsEveryGracePeriodGuarantee() =>
        Prop.ForAll(GracePeriodSchedule.Arbitrary(), schedule =>
        {
            using var rcu = new DomainUnderTest(FastPolling);
            IReadOnlyList<string> violations = GracePeriodScheduleRunner.Execute(rcu, schedule);
            return Prop.Label(violations.Count == 0, string.Join(Environment.NewLine, violations));
        });

    [Property(MaxTest = 20)]
    public Property RealEngine_FullFenceFlavour_KeepsEveryGracePeriodGuarantee() =>
        Prop.ForAll(GracePeriodSchedule.Arbitrary(), schedule =>
        {
            using var rcu = new DomainUnderTest(FastPolling with { ReadFlavor = RcuReadFlavor.FullFence });
            IReadOnlyList<string> violations = GracePeriodScheduleRunner.Execute(rcu, schedule);
            return Prop.Label(violations.Count == 0, string.Join(Environment.NewLine, violations));
        });

    [Fact]
    public void Teeth_TheSamePropertyCatchesAnEngineWithoutGracePeriods()
    {
        Property property = Prop.ForAll(GracePeriodSchedule.Arbitrary(), schedule =>
        {
            using var rcu = new NoGracePeriodRcu();
            return GracePeriodScheduleRunner.Execute(rcu, schedule).Count == 0;
        });
        var failure = Record.Exception(() => property.Check(Config.QuickThrowOnFailure.WithMaxTest(200)));
        Assert.NotNull(failure);
        Assert.Contains("Falsifiable", failure.Message);
    }
}
