using System.Collections.Concurrent;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// Runs a <see cref="GracePeriodSchedule"/> on real threads released together, records every event against one
/// global ticket clock (Interlocked, so ticks are totally ordered across threads, on any CPU), and returns the
/// violations of the grace-period guarantees it can prove from the record.
/// </summary>
/// <remarks>
/// The record is conservative in the right direction: a section's start tick is taken after ReadLock returned
/// and its end tick before the guard is disposed, a Defer's tick before the call and a callback's tick when it
/// runs. So "start &lt; defer" implies the section began before the Defer, and "end &gt; run" implies the callback
/// ran while the section was still open: a correct engine can never be flagged.
/// </remarks>
public static class GracePeriodScheduleRunner
{
    private sealed record Section(int Thread, long Start, long End);
    private sealed record Wait(int Thread, ScheduleOp Kind, long Call, long Return);
    private sealed record Deferral(int Id, int Thread, long Call, long Return);

    /// <summary>Executes the schedule and returns human-readable violations (empty when every guarantee held).</summary>
    public static IReadOnlyList<string> Execute(IRcuUnderTest rcu, GracePeriodSchedule schedule) => Execute(rcu, schedule, out _);

    /// <summary>
    /// Executes the schedule and returns its violations, and in <paramref name="runOrder"/> the callbacks in the order they
    /// ran, each named by its deferring thread and its index among that thread's deferrals (names that do not depend on
    /// the interleaving, so two runs of one schedule can be compared).
    /// </summary>
    public static IReadOnlyList<string> Execute(IRcuUnderTest rcu, GracePeriodSchedule schedule, out IReadOnlyList<(int Thread, int Index)> runOrder)
    {
        var ran = new ConcurrentQueue<(int Thread, int Index)>();
        var deferredPerThread = new int[schedule.Threads.Count];
        long clock = 0;
        long Tick() => Interlocked.Increment(ref clock);
        var sections = new ConcurrentBag<Section>();
        var waits = new ConcurrentBag<Wait>();
        var deferrals = new ConcurrentBag<Deferral>();
        var runs = new ConcurrentDictionary<int, List<long>>();
        int nextId = 0;

        void RunScript(int thread, IReadOnlyList<ScheduleOp> ops, ref int index, int depth)
        {
            while (index < ops.Count)
            {
                ScheduleOp op = ops[index++];
                switch (op)
                {
                    case ScheduleOp.Enter:
                        int i = index;
                        rcu.ReadSection(() =>
                        {
                            long start = Tick();
                            RunScript(thread, ops, ref i, depth + 1);
                            if (depth == 0) sections.Add(new Section(thread, start, Tick()));
                        });
                        index = i;
                        break;
                    case ScheduleOp.Exit:
                        return;
                    case ScheduleOp.Defer:
                        int id = Interlocked.Increment(ref nextId);
                        int local = deferredPerThread[thread]++;
                        long call = Tick();
                        rcu.Defer(() =>
                        {
                            runs.GetOrAdd(id, _ => new List<long>()).Add(Tick());
                            ran.Enqueue((thread, local));
                        });
                        deferrals.Add(new Deferral(id, thread, call, Tick()));
                        break;
                    case ScheduleOp.Synchronize:
                    case ScheduleOp.Barrier:
                        long c = Tick();
                        if (op == ScheduleOp.Synchronize) rcu.Synchronize();
                        else rcu.Barrier();
                        waits.Add(new Wait(thread, op, c, Tick()));
                        break;
                    case ScheduleOp.Spin:
                        Thread.SpinWait(2_000);
                        break;
                }
            }
        }

        using var start = new Barrier(schedule.Threads.Count);
        var errors = new ConcurrentQueue<Exception>();
        Thread[] threads = schedule.Threads.Select((script, t) => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                int index = 0;
                RunScript(t, script, ref index, 0);
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToArray();
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) t.Join();
        rcu.Barrier();
        runOrder = ran.ToArray();

        var violations = errors.Select(e => $"a thread threw: {e}").ToList();
        foreach (Deferral d in deferrals)
        {
            if (!runs.TryGetValue(d.Id, out List<long>? r) || r.Count != 1)
            {
                violations.Add($"callback {d.Id} ran {r?.Count ?? 0} times");
                continue;
            }
            long run = r[0];
            foreach (Section s in sections.Where(s => s.Start < d.Call && s.End > run))
                violations.Add($"callback {d.Id} (deferred by T{d.Thread} at {d.Call}) ran at {run} inside T{s.Thread}'s section [{s.Start}, {s.End}]");
        }
        foreach (Wait w in waits)
        {
            foreach (Section s in sections.Where(s => s.Start < w.Call && s.End > w.Return))
                violations.Add($"{w.Kind} by T{w.Thread} [{w.Call}, {w.Return}] returned inside T{s.Thread}'s section [{s.Start}, {s.End}]");
            if (w.Kind == ScheduleOp.Barrier)
            {
                foreach (Deferral d in deferrals.Where(d => d.Return < w.Call))
                    if (runs.TryGetValue(d.Id, out List<long>? r) && r.Count == 1 && r[0] > w.Return)
                        violations.Add($"Barrier by T{w.Thread} returned at {w.Return} before callback {d.Id} (deferred before it) ran at {r[0]}");
            }
        }
        return violations;
    }
}
