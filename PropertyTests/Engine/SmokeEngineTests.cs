namespace RcuCollections.Tests.Engine;

public class SmokeEngineTests
{
    [Fact]
    public void Defer_RunsAfterSynchronize()
    {
        using var domain = new RcuDomain();
        int ran = 0;
        using (domain.ReadLock())
        {
            Assert.True(domain.InReadSection);
        }
        domain.Defer(() => Interlocked.Increment(ref ran));
        domain.Barrier();
        Assert.Equal(1, Volatile.Read(ref ran));
        domain.Synchronize();
        Assert.True(domain.GetStatistics().GracePeriods >= 2);
    }
}
