using FsCheck;
using FsCheck.Fluent;

namespace RcuCollections.Tests.Engine;

/// <summary>One step of a thread's script in the grace-period property.</summary>
public enum ScheduleOp
{
    /// <summary>Enter a nested read section (its body is the following steps up to the matching Exit).</summary>
    Enter,

    /// <summary>Leave the innermost section.</summary>
    Exit,

    /// <summary>Defer a callback.</summary>
    Defer,

    /// <summary>Synchronize (only outside sections).</summary>
    Synchronize,

    /// <summary>Barrier (only outside sections).</summary>
    Barrier,

    /// <summary>Busy-wait a little, widening race windows.</summary>
    Spin,
}

/// <summary>A random multi-thread schedule: one script per thread, well nested and free of self-deadlock.</summary>
public sealed record GracePeriodSchedule(IReadOnlyList<IReadOnlyList<ScheduleOp>> Threads)
{
    /// <summary>Generates 2–3 threads of 3–8 steps, then repairs each script so it is legal.</summary>
    public static Arbitrary<GracePeriodSchedule> Arbitrary()
    {
        Gen<ScheduleOp> op = Gen.Frequency(
            (3, Gen.Constant(ScheduleOp.Enter)),
            (3, Gen.Constant(ScheduleOp.Exit)),
            (3, Gen.Constant(ScheduleOp.Defer)),
            (1, Gen.Constant(ScheduleOp.Synchronize)),
            (1, Gen.Constant(ScheduleOp.Barrier)),
            (2, Gen.Constant(ScheduleOp.Spin)));
        Gen<IReadOnlyList<ScheduleOp>> script =
            from n in Gen.Choose(3, 8)
            from ops in op.ArrayOf(n)
            select Repair(ops);
        Gen<GracePeriodSchedule> schedule =
            from threads in Gen.Choose(2, 3)
            from scripts in script.ArrayOf(threads)
            select new GracePeriodSchedule(scripts);
        return schedule.ToArbitrary();
    }

    /// <summary>Exits only when inside, waits only outside (a wait inside a section is misuse), and closes what is open.</summary>
    private static IReadOnlyList<ScheduleOp> Repair(ScheduleOp[] ops)
    {
        var result = new List<ScheduleOp>();
        int depth = 0;
        foreach (ScheduleOp o in ops)
        {
            switch (o)
            {
                case ScheduleOp.Enter: depth++; result.Add(o); break;
                case ScheduleOp.Exit when depth > 0: depth--; result.Add(o); break;
                case ScheduleOp.Exit: result.Add(ScheduleOp.Spin); break;
                case ScheduleOp.Synchronize or ScheduleOp.Barrier when depth > 0: result.Add(ScheduleOp.Defer); break;
                default: result.Add(o); break;
            }
        }
        while (depth-- > 0) result.Add(ScheduleOp.Exit);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(" || ", Threads.Select((t, i) => $"T{i}: {string.Join(' ', t)}"));
}
