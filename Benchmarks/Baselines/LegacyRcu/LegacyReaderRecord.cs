using System.Runtime.InteropServices;

namespace RcuCollections.Benchmarks.Baselines.LegacyRcu;

/// <summary>
/// One registered reader of a <see cref="LegacyRcuDomain"/> (QEMU's struct rcu_reader_data). The words the read
/// side touches sit in a padded block of their own so that records of different threads never share a line.
/// </summary>
public sealed class LegacyReaderRecord
{
    internal HotWords Hot;

    internal LegacyReaderRecord(LegacyRcuDomain domain, Thread owner)
    {
        Domain = domain;
        Owner = owner;
    }

    /// <summary>Gets the domain this record belongs to.</summary>
    public LegacyRcuDomain Domain { get; }

    /// <summary>Gets the thread that owns the record.</summary>
    public Thread Owner { get; }

    /// <summary>The thread's force_rcu notifiers; copy-on-write, replaced under the domain's registry lock.</summary>
    internal Action[] ForceCallbacks = [];

    /// <summary>The padded words: ctr (owner writes, writer reads), depth (owner only), waiting (both).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    internal struct HotWords
    {
        /// <summary>0 when quiescent, else the grace-period counter snapshot of the outermost lock.</summary>
        [FieldOffset(64)] public long Ctr;

        /// <summary>Nesting depth (owner only).</summary>
        [FieldOffset(72)] public int Depth;

        /// <summary>"Tell me when you leave": set by the writer, cleared by the reader on exit or by the writer on a quiescent scan.</summary>
        [FieldOffset(76)] public int Waiting;
    }
}
