// ForceQuiescentState: a reader that spins inside one read-side section (QEMU's busy TCG vCPU) no longer
// stalls reclamation. We time a lone Defer, a Barrier and an Expedite against it, and show the statistics.
using System.Diagnostics;
using RcuCollections;

using var domain = new RcuDomain(new RcuOptions { Name = "fqs-sample" });

// The busy reader: one long section, left only when the grace-period side asks (its force callback).
using var stop = new CancellationTokenSource();
using var inSection = new ManualResetEventSlim();
var vcpu = new Thread(() =>
{
    bool kicked = false;
    using IDisposable registration = domain.RegisterForceCallback(() => Volatile.Write(ref kicked, true));
    while (!stop.IsCancellationRequested)
    {
        using (domain.ReadLock())
        {
            inSection.Set();
            while (!Volatile.Read(ref kicked) && !stop.IsCancellationRequested) Thread.SpinWait(50);
            Volatile.Write(ref kicked, false);
        }
    }
}) { IsBackground = true, Name = "busy vCPU" };
vcpu.Start();
inSection.Wait();

double Time(Action action)
{
    var sw = Stopwatch.StartNew();
    action();
    return sw.Elapsed.TotalMilliseconds;
}

void WaitForCallback(Action? nudge)
{
    using var ran = new ManualResetEventSlim();
    domain.Defer(ran.Set);
    nudge?.Invoke();
    if (!ran.Wait(TimeSpan.FromSeconds(10))) throw new InvalidOperationException("the callback never ran");
}

double lone = Time(() => WaitForCallback(null));
double barrier = Time(() => { domain.Defer(() => { }); domain.Barrier(); });
double expedite = Time(() => WaitForCallback(domain.Expedite));

Console.WriteLine($"lone Defer with a spinning reader: {lone,8:F1} ms  (polls {domain.Options.PollsBeforeForce} x {domain.Options.PollInterval.TotalMilliseconds} ms, then forces)");
Console.WriteLine($"Barrier with a spinning reader:    {barrier,8:F1} ms  (forces at once)");
Console.WriteLine($"Defer + Expedite:                  {expedite,8:F1} ms  (forces at once)");

stop.Cancel();
vcpu.Join();
RcuStatistics s = domain.GetStatistics();
Console.WriteLine($"grace periods {s.GracePeriods}, forced {s.ForcedGracePeriods}, force callbacks {s.ForceCallbacksInvoked}, slow-path exits {s.SlowPathExits}");

// The sample checks its own claim: without forcing, the lone Defer would never have completed.
bool ok = lone < 2_000 && barrier < 2_000 && expedite < 2_000 && s.ForcedGracePeriods >= 3;
Console.WriteLine(ok ? "ForceQuiescentState: OK" : "ForceQuiescentState: FAILED");
return ok ? 0 : 1;
