namespace RcuCollections;

/// <summary>
/// Selects how the read side of an <see cref="RcuDomain"/> orders its announcement store against the
/// loads of protected data.
/// </summary>
public enum RcuReadFlavor
{
    /// <summary>
    /// The default (liburcu "memb" style): the outermost <see cref="RcuDomain.ReadLock"/> and its
    /// <see cref="RcuReadGuard.Dispose"/> issue no fence and no interlocked instruction. The grace-period
    /// side compensates with <see cref="Interlocked.MemoryBarrierProcessWide"/>, which makes every thread
    /// execute a full fence, wherever QEMU issues <c>smp_mb_global()</c>.
    /// </summary>
    Asymmetric = 0,

    /// <summary>
    /// The fallback (liburcu "mb" / QEMU's default build): every outermost lock and unlock issues a full
    /// fence (<see cref="Interlocked.MemoryBarrier"/>) and the grace-period side uses ordinary full fences.
    /// Reads cost a few nanoseconds more; it does not rely on the process-wide barrier.
    /// </summary>
    FullFence = 1,
}
