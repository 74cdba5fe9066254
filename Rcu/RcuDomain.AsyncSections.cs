using System.Diagnostics;
using RcuCollections.Internal;

namespace RcuCollections;

// Async read sections (SRCU's idea, docs/rcu-engine.md "Async sections"): a section that may cross await is not tied
// to a thread, so it cannot live in a thread's record. It is counted instead, in one of two phases, on a stripe of
// per-CPU counters:
//   enter  A1: phase = _asyncPhase & 1; Interlocked.Increment(stripe.Entered[phase])   (a full fence)
//          then the section's loads of protected data.
//   exit   A2: Interlocked.Increment(stripe'.Exited[phase])   (a full fence: every access of the section precedes it)
// A grace period waits for the phase that is not current to drain (stragglers that read the phase before the
// previous flip), flips the phase (Interlocked, a full fence: A3), then waits for the phase that was current to drain.
// Drained: sum the exits over all stripes, a full fence (A4), then sum the entries; equal means drained. Exits are
// summed first: a counted exit's entry happened before it, so it is counted too; a section is never seen exited
// without having been seen entered. An entry that the sum misses happened after the GP's load of that stripe; its
// full fence (A1) and the GP's (A3, A4) then make the section's loads see everything unpublished before the grace
// period (store buffering, both sides fenced), so it cannot hold anything the grace period frees.
// Phases exist for progress: new sections go to the new phase, so the old one can only drain.
public sealed partial class RcuDomain
{
    private AsyncStripe[]? _asyncStripes; // created by the first EnterAsyncSection; a domain that never uses them pays nothing
    private int _asyncPhase;              // the current phase is its low bit; incremented (flipped) by the GP runner only

    /// <summary>
    /// Enters a read-side section that may cross <c>await</c> and end on another thread; dispose the result to leave it.
    /// Grace periods wait for it as for a thread section. About as cheap as two interlocked increments and one small
    /// allocation; thread sections (<see cref="ReadLock"/>) do not pay for this feature.
    /// </summary>
    /// <returns>The section.</returns>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public RcuAsyncSection EnterAsyncSection()
    {
        ThrowIfDisposed();
        AsyncStripe[] stripes = Volatile.Read(ref _asyncStripes) ?? CreateAsyncStripes();
        int phase = Volatile.Read(ref _asyncPhase) & 1;
        var token = new AsyncSectionToken(this, phase); // before counting: nothing after the count may fail
        ref AsyncStripe stripe = ref stripes[Thread.GetCurrentProcessorId() & (stripes.Length - 1)];
        Interlocked.Increment(ref phase == 0 ? ref stripe.Entered0 : ref stripe.Entered1); // A1 (full fence)
        return new RcuAsyncSection(token);
    }

    /// <summary>Counts one exit of a section counted in <paramref name="phase"/>, on the stripe of the CPU we run on now.</summary>
    internal void ExitAsyncSection(int phase)
    {
        AsyncStripe[] stripes = _asyncStripes!; // an entered section created them
        ref AsyncStripe stripe = ref stripes[Thread.GetCurrentProcessorId() & (stripes.Length - 1)];
        Interlocked.Increment(ref phase == 0 ? ref stripe.Exited0 : ref stripe.Exited1); // A2 (full fence)
    }

    private AsyncStripe[] CreateAsyncStripes()
    {
        int count = 1;
        while (count < Environment.ProcessorCount && count < 64) count <<= 1;
        Interlocked.CompareExchange(ref _asyncStripes, new AsyncStripe[count], null);
        return _asyncStripes!;
    }

    /// <summary>The async part of a grace period: the stragglers' phase drains, the phase flips, the old current phase drains.</summary>
    private void WaitForAsyncSections(AsyncStripe[] stripes, long startedTimestamp)
    {
        Debug.Assert(Volatile.Read(ref _gpRunning));
        int current = Volatile.Read(ref _asyncPhase) & 1;
        bool stallReported = false;
        WaitForAsyncPhase(stripes, current ^ 1, startedTimestamp, ref stallReported);
        Interlocked.Increment(ref _asyncPhase); // A3: flip; new sections count in the other phase from here on
        WaitForAsyncPhase(stripes, current, startedTimestamp, ref stallReported);
    }

    private void WaitForAsyncPhase(AsyncStripe[] stripes, int phase, long startedTimestamp, ref bool stallReported)
    {
        int polls = 0;
        while (true)
        {
            long open = OpenAsyncSections(stripes, phase);
            if (open == 0) return;
            // No thread to kick: poll. Forcing conditions (Expedite, Barrier, Dispose, a backlog, long polling) only
            // shorten the interval.
            int interval = ShouldForce(polls) ? 1 : (int)_pollIntervalMs;
            if (_wakeEvent.Wait(interval)) _wakeEvent.Reset();
            polls++;
            if (!stallReported) stallReported = CheckAsyncStall(open, startedTimestamp);
        }
    }

    /// <summary>Entered minus exited sections of <paramref name="phase"/>: exits summed first, then a full fence, then entries (A4).</summary>
    private static long OpenAsyncSections(AsyncStripe[] stripes, int phase)
    {
        long exited = 0, entered = 0;
        for (int i = 0; i < stripes.Length; i++)
            exited += Volatile.Read(ref phase == 0 ? ref stripes[i].Exited0 : ref stripes[i].Exited1);
        Interlocked.MemoryBarrier(); // A4: pairs with A1/A2 (see the file header)
        for (int i = 0; i < stripes.Length; i++)
            entered += Volatile.Read(ref phase == 0 ? ref stripes[i].Entered0 : ref stripes[i].Entered1);
        Debug.Assert(entered >= exited, "an async section was counted as exited more often than entered");
        return entered - exited;
    }

    private bool CheckAsyncStall(long open, long startedTimestamp)
    {
        TimeSpan threshold = _options.StallWarningThreshold;
        if (threshold == Timeout.InfiniteTimeSpan) return true;
        TimeSpan waited = Stopwatch.GetElapsedTime(startedTimestamp);
        if (waited < threshold) return false;
        Interlocked.Increment(ref _stallWarnings);
        RaiseReaderStalled(new RcuReaderStalledEventArgs(0, null, waited, asyncSections: open));
        return true;
    }
}
