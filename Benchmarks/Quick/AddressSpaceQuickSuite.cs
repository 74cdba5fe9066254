using System.Diagnostics;
using RcuCollections.AddressSpaces;
using RcuCollections.Benchmarks.AddressSpaces;
using RcuCollections.Benchmarks.Baselines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Quick;

/// <summary>
/// The address-space map's headline rows: Translate at ~1,000 ranges (random and 90%-RAM locality) against the
/// QEMU-style radix dispatch with its shared MRU and against a ReaderWriterLockSlim-guarded sorted array, all in the
/// same interleaved rounds with the same read-section discipline; and commit time on the PC layout and at 10,000
/// regions against QEMU's O(R·N) render of the same tree.
/// </summary>
public sealed class AddressSpaceQuickSuite : IQuickSuite
{
    private const string ComponentName = "AddressSpace";
    private const int Batch = 4096;

    /// <inheritdoc />
    public string Component => ComponentName;

    /// <inheritdoc />
    public int Order => 30;

    /// <inheritdoc />
    public IReadOnlyList<QuickRow> Run(QuickSuiteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        List<QuickRow> rows = [];
        bool? Judge(bool met) => context.IsSmoke ? null : met;
        string note = $"median of {context.Runs} interleaved rounds";

        context.Progress.Detail("address space: translate");
        using PcMachine machine = PcMachine.Create(RcuDomain.Default, PcMachine.DevicesFor(1000));
        FlatView view = machine.Memory.CurrentView;
        QemuStyleDispatch qemu = new(view.Ranges);
        using RwLockSortedRanges rwLock = new(view.Ranges);
        ulong[] random = AddressPatterns.Random(view, Batch, 42);
        ulong[] locality = AddressPatterns.Locality(view, Batch, 42);
        TranslateCrossCheck.Verify(view, qemu, rwLock, random);
        TranslateCrossCheck.Verify(view, qemu, rwLock, locality);

        InterleavedMeasurement translate = new();
        translate.Add("rcu", d => NanosecondsPerLookup(d, random, a => machine.Memory.Translate(a).OffsetInRegion));
        translate.Add("qemu", d => NanosecondsPerLookup(d, random, a => QemuTranslate(qemu, a)));
        translate.Add("rwls", d => NanosecondsPerLookup(d, random, a => rwLock.Translate(a).OffsetInRegion));
        translate.Add("rcu-section", d => InOneSection(() => NanosecondsPerLookup(d, random, a => view.Translate(a).OffsetInRegion)));
        translate.Add("qemu-section", d => InOneSection(() => NanosecondsPerLookup(d, random, a => qemu.Translate(a).OffsetInRegion)));
        translate.Add("rcu-loop", d => NanosecondsPerTranslate(d, random, machine.Memory, throughThreadReader: false));
        translate.Add("rcu-handle", d => NanosecondsPerTranslate(d, random, machine.Memory, throughThreadReader: true));
        translate.Add("rcu-locality", d => NanosecondsPerLookup(d, locality, a => machine.Memory.Translate(a).OffsetInRegion));
        translate.Add("qemu-locality", d => NanosecondsPerLookup(d, locality, a => QemuTranslate(qemu, a)));
        IReadOnlyDictionary<string, RunStatistics> ns = translate.Run(context.MeasurementDuration, context.Runs, context.Progress, context.CancellationToken);
        double Median(string name) => ns[name].Median;

        string ranges = $"{view.Ranges.Count} ranges";
        rows.Add(new QuickRow(ComponentName, $"Translate, {ranges}, random (section per call)", Median("rcu"), "ns", "QEMU-style radix + MRU", Median("qemu"), LowerIsBetter: true, "≥ 1.5x")
        { TargetMet = Judge(Median("qemu") >= 1.5 * Median("rcu")), Note = note });
        rows.Add(new QuickRow(ComponentName, $"Translate, {ranges}, random (section per call)", Median("rcu"), "ns", "sorted array + ReaderWriterLockSlim", Median("rwls"), LowerIsBetter: true, "")
        { Note = note });
        rows.Add(new QuickRow(ComponentName, $"Translate, {ranges}, random (section per call, RcuThreadReader)", Median("rcu-handle"), "ns", "section per call, ReadLock (same loop)", Median("rcu-loop"), LowerIsBetter: true, "")
        { Note = note + "; a vCPU loop with the thread's reader looked up once" });
        rows.Add(new QuickRow(ComponentName, $"Translate, {ranges}, random (one vCPU section)", Median("rcu-section"), "ns", "QEMU-style radix + MRU", Median("qemu-section"), LowerIsBetter: true, "≤ 10 ns")
        { TargetMet = Judge(Median("rcu-section") <= 10), Note = note });
        rows.Add(new QuickRow(ComponentName, $"Translate, {ranges}, 90% RAM locality", Median("rcu-locality"), "ns", "QEMU-style radix + MRU", Median("qemu-locality"), LowerIsBetter: true, "≥ 1.0x")
        { TargetMet = Judge(Median("qemu-locality") >= Median("rcu-locality")), Note = note });

        context.Progress.Detail("address space: commit");
        using PcMachine pc = PcMachine.Create(RcuDomain.Default);
        int pcRanges = pc.Memory.CurrentView.Ranges.Count;
        InterleavedMeasurement pcCommit = new();
        int next = 0;
        pcCommit.Add("commit", d => MicrosecondsPerCall(d, () =>
        {
            MemoryRegion bar = pc.Bars[next++ % pc.Bars.Count];
            bar.SetEnabled(!bar.Enabled);
        }));
        pcCommit.Add("qemu-render", d => MicrosecondsPerCall(d, () => _ = new QemuStyleDispatch(RenderQemuStyle(pc.System))));
        IReadOnlyDictionary<string, RunStatistics> pcUs = pcCommit.Run(context.MeasurementDuration, context.Runs, context.Progress, context.CancellationToken);
        rows.Add(new QuickRow(ComponentName, $"Commit, PC layout ({pcRanges} ranges, BAR toggles)", pcUs["commit"].Median, "µs", "QEMU-style render + dispatch build", pcUs["qemu-render"].Median, LowerIsBetter: true, "≤ 50 µs")
        { TargetMet = Judge(pcUs["commit"].Median <= 50), Note = note });

        int regions = context.IsSmoke ? 200 : 10_000;
        (MemoryMap scaleMap, MemoryRegion scaleRoot, MemoryRegion[] blocks) = ScaleLayout(regions);
        using (scaleMap)
        {
            int samples = context.Samples(5, 1);
            List<double> commitMs = [];
            List<double> qemuMs = [];
            for (int run = 0; run < context.Runs; run++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                commitMs.Add(MillisecondsEach(samples, i => blocks[i % blocks.Length].SetEnabled(!blocks[i % blocks.Length].Enabled)));
                qemuMs.Add(MillisecondsEach(Math.Max(1, samples / 2), _ => QemuStyleRenderer.Render(scaleRoot)));
            }

            double commit = RunStatistics.Of(commitMs).Median;
            rows.Add(new QuickRow(ComponentName, $"Commit, {regions} regions", commit, "ms", "QEMU-style O(R·N) render alone", RunStatistics.Of(qemuMs).Median, LowerIsBetter: true, "≤ 20 ms")
            { TargetMet = Judge(commit <= 20), Note = $"{samples} commits per round, median of {context.Runs} rounds" });
        }

        return rows;
    }

    private static ulong QemuTranslate(QemuStyleDispatch dispatch, ulong address)
    {
        using RcuReadGuard guard = RcuDomain.Default.ReadLock();
        return Volatile.Read(ref dispatch).Translate(address).OffsetInRegion;
    }

    private static double InOneSection(Func<double> measure)
    {
        using RcuReadGuard guard = RcuDomain.Default.ReadLock();
        return measure();
    }

    private static FlatRange[] RenderQemuStyle(MemoryRegion root)
    {
        // The QEMU-style commit renders with its own algorithm; its pieces become sections as ranges would.
        List<QemuStyleRenderer.Piece> pieces = QemuStyleRenderer.Render(root);
        FlatRange[] ranges = new FlatRange[pieces.Count];
        for (int i = 0; i < pieces.Count; i++)
        {
            QemuStyleRenderer.Piece piece = pieces[i];
            ranges[i] = new FlatRange((ulong)piece.Start, (UInt128)(piece.End - piece.Start), piece.Region, piece.Offset, false, false, false);
        }

        return ranges;
    }

    private static (MemoryMap Map, MemoryRegion Root, MemoryRegion[] Blocks) ScaleLayout(int regions)
    {
        MemoryRegion system = MemoryRegion.Container("system", ulong.MaxValue);
        system.AddSubregion(0, MemoryRegion.Ram("ram-below-4g", 0xC000_0000));
        MemoryRegion[] blocks = new MemoryRegion[regions];
        for (int i = 0; i < regions; i++)
        {
            blocks[i] = MemoryRegion.Ram($"virtio-mem-{i}", 128UL << 20);
            system.AddSubregion(0x1_0000_0000 + ((ulong)i * (256UL << 20)), blocks[i]);
        }

        MemoryMap map = new(RcuDomain.Default);
        map.CreateAddressSpace("memory", system);
        return (map, system, blocks);
    }

    private static double NanosecondsPerLookup(TimeSpan duration, ulong[] addresses, Func<ulong, ulong> lookup)
    {
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long lookups = 0;
        ulong sink = 0;
        long start = Stopwatch.GetTimestamp();
        do
        {
            foreach (ulong address in addresses)
            {
                sink += lookup(address);
            }

            lookups += addresses.Length;
        }
        while (Stopwatch.GetTimestamp() < end);
        GC.KeepAlive(sink);
        return (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / lookups;
    }

    /// <summary>A vCPU-style loop: a section per Translate, through the thread's reader (looked up once) or through ReadLock.</summary>
    private static double NanosecondsPerTranslate(TimeSpan duration, ulong[] addresses, AddressSpace space, bool throughThreadReader)
    {
        RcuThreadReader reader = space.Map.Domain.GetThreadReader();
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long lookups = 0;
        ulong sink = 0;
        long start = Stopwatch.GetTimestamp();
        do
        {
            if (throughThreadReader)
            {
                foreach (ulong address in addresses) sink += space.Translate(address, reader).OffsetInRegion;
            }
            else
            {
                foreach (ulong address in addresses) sink += space.Translate(address).OffsetInRegion;
            }

            lookups += addresses.Length;
        }
        while (Stopwatch.GetTimestamp() < end);
        GC.KeepAlive(sink);
        return (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / lookups;
    }

    private static double MicrosecondsPerCall(TimeSpan duration, Action call)
    {
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long calls = 0;
        long start = Stopwatch.GetTimestamp();
        do
        {
            call();
            calls++;
        }
        while (Stopwatch.GetTimestamp() < end);
        return (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency / calls;
    }

    private static double MillisecondsEach(int count, Action<int> call)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            call(i);
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / count;
    }
}
