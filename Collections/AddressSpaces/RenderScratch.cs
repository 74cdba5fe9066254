namespace RcuCollections.AddressSpaces;

/// <summary>
/// The renderer's working buffers, owned by one map and reused by every commit under its writer lock: a 10k-region
/// render needs several large arrays, and allocating them per commit would cost gen-2 collections. Only the outputs
/// (the view's ranges and index) are allocated per view, because readers keep them.
/// </summary>
internal sealed class RenderScratch
{
    public List<RenderFill> Fills { get; } = [];

    public Stack<RenderFrame> Pending { get; } = new();

    public List<FlatRange> Ranges { get; } = [];

    public ulong[] Keys { get; private set; } = [];

    public int[] Tags { get; private set; } = [];

    public Int128[] Coordinates { get; private set; } = [];

    public int[] FirstSegment { get; private set; } = [];

    public int[] EndSegment { get; private set; } = [];

    public int[] Owner { get; private set; } = [];

    public int[] NextFree { get; private set; } = [];

    /// <summary>Makes every buffer hold at least what <paramref name="fillCount"/> fills need (growing by doubling).</summary>
    public void EnsureCapacity(int fillCount)
    {
        int boundaries = (fillCount * 2) + 1;
        if (Keys.Length < boundaries)
        {
            int size = Math.Max(boundaries, Keys.Length * 2);
            Keys = new ulong[size];
            Tags = new int[size];
            Coordinates = new Int128[size];
            Owner = new int[size];
            NextFree = new int[size];
        }

        if (FirstSegment.Length < fillCount)
        {
            int size = Math.Max(fillCount, FirstSegment.Length * 2);
            FirstSegment = new int[size];
            EndSegment = new int[size];
        }
    }
}
