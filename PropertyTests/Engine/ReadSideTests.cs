namespace RcuCollections.Tests.Engine;

public class ReadSideTests
{
    [Theory]
    [InlineData(RcuReadFlavor.Asymmetric)]
    [InlineData(RcuReadFlavor.FullFence)]
    public void Sections_Nest_AndOnlyTheOutermostExitLeaves(RcuReadFlavor flavor)
    {
        using var domain = new RcuDomain(new RcuOptions { ReadFlavor = flavor });
        Assert.False(domain.InReadSection);
        using (domain.ReadLock())
        {
            using (domain.ReadLock())
            {
                Assert.True(domain.InReadSection);
            }
            Assert.True(domain.InReadSection);
        }
        Assert.False(domain.InReadSection);
    }

    [Fact]
    public void DefaultDomain_SectionsWork_AndAreSeparateFromInstanceDomains()
    {
        using var other = new RcuDomain();
        using (RcuDomain.Default.ReadLock())
        {
            Assert.True(RcuDomain.Default.InReadSection);
            Assert.False(other.InReadSection);
            other.Synchronize(); // a section of another domain does not hold up this one
        }
        Assert.False(RcuDomain.Default.InReadSection);
    }

    [Fact]
    public void DoubleDispose_Throws()
    {
        using var domain = new RcuDomain();
        RcuReadGuard guard = domain.ReadLock();
        guard.Dispose();
        try
        {
            guard.Dispose();
            Assert.Fail("A second Dispose must throw.");
        }
        catch (InvalidOperationException)
        {
        }
        Assert.False(domain.InReadSection);
    }

    [Fact]
    public void OutOfOrderDispose_Throws_AndLeavesTheSectionOpen()
    {
        using var domain = new RcuDomain();
        RcuReadGuard outer = domain.ReadLock();
        RcuReadGuard inner = domain.ReadLock();
        try
        {
            outer.Dispose();
            Assert.Fail("Disposing the outer guard first must throw.");
        }
        catch (InvalidOperationException)
        {
        }
        Assert.True(domain.InReadSection);
        inner.Dispose();
        outer.Dispose();
        Assert.False(domain.InReadSection);
    }

    [Fact]
    public void DefaultGuard_Dispose_Throws()
    {
        RcuReadGuard guard = default;
        try
        {
            guard.Dispose();
            Assert.Fail("Disposing a default guard must throw.");
        }
        catch (InvalidOperationException)
        {
        }
    }

    [Fact]
    public void Quiescent_OutsideASection_IsANoOp_AndInsideKeepsTheSection()
    {
        using var domain = new RcuDomain();
        domain.Quiescent();
        using (domain.ReadLock())
        {
            domain.Quiescent();
            Assert.True(domain.InReadSection);
        }
        Assert.False(domain.InReadSection);
    }

    [Fact]
    public void ForceRequested_IsFalse_WhenNothingForces()
    {
        using var domain = new RcuDomain();
        Assert.False(domain.ForceRequested);
        using (domain.ReadLock()) Assert.False(domain.ForceRequested);
    }

    [Fact]
    public void ReadLock_OnADisposedDomain_FromANewThread_Throws()
    {
        var domain = new RcuDomain();
        domain.Dispose();
        Exception? error = null;
        var t = new Thread(() =>
        {
            try
            {
                using var g = domain.ReadLock();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        t.Start();
        t.Join();
        Assert.IsType<ObjectDisposedException>(error);
    }
}
