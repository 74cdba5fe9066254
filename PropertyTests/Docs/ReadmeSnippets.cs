namespace RcuCollections.Tests.Docs;

/// <summary>The code blocks of README.md, compiled and run (see <see cref="DocsCodeBlockTests"/>).</summary>
public class ReadmeSnippets
{
    [Fact]
    public void FirstLook()
    {
        var oldBuffer = new MemoryStream();
        RcuDomain rcu = RcuDomain.Default;
        using (rcu.ReadLock())
        {
            // read published references with Volatile.Read; nothing here blocks a writer
        }
        rcu.Retire(oldBuffer);   // disposed after a grace period
        rcu.Synchronize();       // or wait for one
        rcu.Barrier();
        Assert.False(oldBuffer.CanRead); // a disposed MemoryStream can no longer be read
    }
}
