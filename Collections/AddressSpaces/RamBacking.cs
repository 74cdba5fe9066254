using System.Collections.Concurrent;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// The memory a RAM or ROM region owns. Sparse: a 4 GiB <c>pc.ram</c> costs nothing until written, and untouched
/// bytes read as zero. Chunks are installed lock-free, so readers in their RCU sections and writers on other
/// threads may access it concurrently; as with guest RAM, racing accesses to the same bytes are not atomic.
/// </summary>
internal sealed class RamBacking
{
    private const int ChunkShift = 16;
    private const int ChunkSize = 1 << ChunkShift;
    private const ulong ChunkMask = ChunkSize - 1;

    private readonly ConcurrentDictionary<ulong, byte[]> _chunks = new();

    public void Read(ulong offset, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int inChunk = (int)(offset & ChunkMask);
            int count = Math.Min(destination.Length, ChunkSize - inChunk);
            if (_chunks.TryGetValue(offset >> ChunkShift, out byte[]? chunk))
            {
                chunk.AsSpan(inChunk, count).CopyTo(destination);
            }
            else
            {
                destination[..count].Clear();
            }

            destination = destination[count..];
            offset += (ulong)count;
        }
    }

    public void Write(ulong offset, ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            int inChunk = (int)(offset & ChunkMask);
            int count = Math.Min(source.Length, ChunkSize - inChunk);
            byte[] chunk = _chunks.GetOrAdd(offset >> ChunkShift, static _ => new byte[ChunkSize]);
            source[..count].CopyTo(chunk.AsSpan(inChunk, count));
            source = source[count..];
            offset += (ulong)count;
        }
    }
}
