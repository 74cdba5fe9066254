using System.Runtime.InteropServices;

/// <summary>A block of native memory: what the GC cannot free for us, and what RCU frees at the right moment.</summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    public const int Size = 4096;
    private static long s_live;
    private byte* _memory;

    public NativeBuffer(byte fill)
    {
        _memory = (byte*)NativeMemory.Alloc(Size);
        new Span<byte>(_memory, Size).Fill(fill);
        Interlocked.Increment(ref s_live);
    }

    /// <summary>Native buffers allocated and not yet freed, process-wide.</summary>
    public static long Live => Interlocked.Read(ref s_live);

    /// <summary>Reads a byte. A reader must never get here after Dispose: that would be a use-after-free.</summary>
    public byte Read(int offset)
    {
        byte* memory = _memory;
        if (memory == null) throw new ObjectDisposedException(nameof(NativeBuffer), "use after free: a reader saw a released buffer");
        return memory[offset];
    }

    public void Dispose()
    {
        byte* memory = _memory;
        if (memory == null) return;
        _memory = null;
        NativeMemory.Free(memory);
        Interlocked.Decrement(ref s_live);
    }
}
