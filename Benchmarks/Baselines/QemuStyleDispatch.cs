using System.Runtime.CompilerServices;
using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.Baselines;

/// <summary>
/// The QEMU-style dispatch baseline (docs/design/address-space-rendering.md §3, written from those notes): a 6-level,
/// 512-ary radix tree over 4 KiB page numbers with huge leaves, subpage tables for unaligned heads and tails,
/// single-child compaction, and a per-view most-recently-used section shared by all threads (a benign racy cache).
/// Built once per view from its ranges.
/// </summary>
internal sealed class QemuStyleDispatch
{
    private const int PageBits = 12;
    private const ulong PageSize = 1UL << PageBits;
    private const ulong PageMask = PageSize - 1;
    private const int LevelBits = 9;
    private const int NodeSize = 1 << LevelBits;
    private const int Levels = ((64 - PageBits - 1) / LevelBits) + 1;
    private const uint Nil = (1u << 26) - 1;
    private const ushort Unassigned = 0;

    private readonly List<QemuDispatchSection> _sections = [];
    private readonly List<uint[]> _nodes = [];
    private QemuDispatchSection[] _sectionArray = [];
    private uint[][] _nodeArray = [];
    private uint _root = Entry(1, Nil);

    // QEMU's mru_section: shared by every reader of this dispatch, written on misses (benign race).
    private int _mru;

    public QemuStyleDispatch(IReadOnlyList<FlatRange> ranges)
    {
        _sections.Add(new QemuDispatchSection(MemoryRegion.Unassigned, 0, (UInt128)1 << 64, 0, false));
        foreach (FlatRange range in ranges)
        {
            AddRange(range);
        }

        Compact(ref _root, level: Levels);
        _sectionArray = [.. _sections];
        _nodeArray = [.. _nodes];
    }

    public int SectionCount => _sections.Count;

    public int NodeCount => _nodes.Count;

    /// <summary>QEMU's <c>address_space_lookup_region</c> with subpage resolution, then <c>translate_internal</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TranslationResult Translate(ulong address)
    {
        QemuDispatchSection[] sections = _sectionArray;
        int index = _mru;
        QemuDispatchSection section = sections[index];
        if (index == Unassigned || !section.Covers(address))
        {
            index = Find(address);
            section = sections[index];
            _mru = index;
        }

        if (section.Subpage is { } subpage)
        {
            section = sections[subpage[address & PageMask]];
        }

        ulong delta = address - section.Start;
        ulong remaining = (ulong)(section.Size - 1) - delta;
        return new TranslationResult(section.Region, section.OffsetInRegion + delta, remaining, section.ReadOnly);
    }

    /// <summary>QEMU's <c>phys_page_find</c>: walk down (skipping compacted levels), then check coverage.</summary>
    private int Find(ulong address)
    {
        uint entry = _root;
        ulong page = address >> PageBits;
        uint[][] nodes = _nodeArray;
        for (int level = Levels; Skip(entry) != 0 && (level -= Skip(entry)) >= 0;)
        {
            if (Pointer(entry) == Nil)
            {
                return Unassigned;
            }

            entry = nodes[Pointer(entry)][(int)((page >> (level * LevelBits)) & (NodeSize - 1))];
        }

        int index = (int)Pointer(entry);
        return _sectionArray[index].Covers(address) ? index : Unassigned;
    }

    private void AddRange(in FlatRange range)
    {
        ulong start = range.Start;
        UInt128 remaining = range.Size;

        // Unaligned head: a subpage.
        if ((start & PageMask) != 0)
        {
            UInt128 toBoundary = PageSize - (start & PageMask);
            UInt128 head = remaining < toBoundary ? remaining : toBoundary;
            RegisterSubpage(range, start, head);
            remaining -= head;
            if (remaining == 0)
            {
                return;
            }

            start += (ulong)head;
        }

        // Aligned middle: whole pages.
        UInt128 pages = remaining >> PageBits;
        if (pages > 0)
        {
            int section = AddSection(new QemuDispatchSection(range.Region, range.Start, range.Size, range.OffsetInRegion, range.ReadOnly));
            SetPages(start >> PageBits, pages, (uint)section);
            UInt128 bytes = pages << PageBits;
            remaining -= bytes;
            if (remaining == 0)
            {
                return;
            }

            start += (ulong)bytes;
        }

        // Unaligned tail: a subpage.
        RegisterSubpage(range, start, remaining);
    }

    private void RegisterSubpage(in FlatRange range, ulong start, UInt128 length)
    {
        ulong pageBase = start & ~PageMask;
        int existing = FindUncompacted(pageBase);
        QemuDispatchSection page = _sections[existing];
        if (page.Subpage is null)
        {
            // A new subpage inherits whatever section the page had (usually unassigned).
            ushort[] bytes = new ushort[PageSize];
            Array.Fill(bytes, (ushort)existing);
            page = new QemuDispatchSection(MemoryRegion.Unassigned, pageBase, PageSize, 0, false, bytes);
            int subpageIndex = AddSection(page);
            SetPages(pageBase >> PageBits, 1, (uint)subpageIndex);
        }

        int section = AddSection(new QemuDispatchSection(range.Region, range.Start, range.Size, range.OffsetInRegion, range.ReadOnly));
        Array.Fill(page.Subpage!, (ushort)section, (int)(start & PageMask), (int)length);
    }

    private int AddSection(QemuDispatchSection section)
    {
        if (_sections.Count >= ushort.MaxValue)
        {
            throw new InvalidOperationException("QEMU's section indices are 16-bit: at most 64K sections per view.");
        }

        _sections.Add(section);
        return _sections.Count - 1;
    }

    /// <summary>QEMU's <c>phys_page_set</c>: top-down, a whole aligned block at a level becomes one huge leaf.</summary>
    private void SetPages(ulong firstPage, UInt128 count, uint section)
    {
        ulong index = firstPage;
        UInt128 remaining = count;
        SetLevel(ref _root, ref index, ref remaining, section, Levels - 1);
    }

    private void SetLevel(ref uint entry, ref ulong index, ref UInt128 remaining, uint section, int level)
    {
        if (Skip(entry) != 0 && Pointer(entry) == Nil)
        {
            entry = Entry(1, AllocateNode(leafLevel: level == 0));
        }

        uint[] node = _nodes[(int)Pointer(entry)];
        UInt128 step = (UInt128)1 << (level * LevelBits);
        int slot = (int)((index >> (level * LevelBits)) & (NodeSize - 1));
        while (remaining > 0 && slot < NodeSize)
        {
            if ((index & (ulong)(step - 1)) == 0 && remaining >= step)
            {
                node[slot] = Entry(0, section);
                index = (ulong)((UInt128)index + step);
                remaining -= step;
            }
            else
            {
                SetLevel(ref node[slot], ref index, ref remaining, section, level - 1);
            }

            slot++;
        }
    }

    private uint AllocateNode(bool leafLevel)
    {
        uint[] node = new uint[NodeSize];
        Array.Fill(node, leafLevel ? Entry(0, Unassigned) : Entry(1, Nil));
        _nodes.Add(node);
        return (uint)(_nodes.Count - 1);
    }

    /// <summary>QEMU's <c>phys_page_compact</c>: an interior entry whose node has one valid child skips a level.</summary>
    private void Compact(ref uint entry, int level)
    {
        if (Skip(entry) == 0 || Pointer(entry) == Nil)
        {
            return;
        }

        uint[] node = _nodes[(int)Pointer(entry)];
        int valid = 0;
        int validSlot = -1;
        for (int i = 0; i < NodeSize; i++)
        {
            if (Pointer(node[i]) == Nil)
            {
                continue;
            }

            valid++;
            validSlot = i;
            if (Skip(node[i]) != 0)
            {
                Compact(ref node[i], level - 1);
            }
        }

        if (valid != 1)
        {
            return;
        }

        uint child = node[validSlot];
        if (Skip(entry) + Skip(child) >= 1 << 6)
        {
            return;
        }

        entry = Skip(child) == 0 ? Entry(0, Pointer(child)) : Entry((uint)(Skip(entry) + Skip(child)), Pointer(child));
    }

    /// <summary>A lookup while building (before compaction): the section of the page at <paramref name="address"/>.</summary>
    private int FindUncompacted(ulong address)
    {
        uint entry = _root;
        ulong page = address >> PageBits;
        for (int level = Levels; Skip(entry) != 0 && (level -= Skip(entry)) >= 0;)
        {
            if (Pointer(entry) == Nil)
            {
                return Unassigned;
            }

            entry = _nodes[(int)Pointer(entry)][(int)((page >> (level * LevelBits)) & (NodeSize - 1))];
        }

        return (int)Pointer(entry);
    }

    private static uint Entry(uint skip, uint pointer) => (skip << 26) | pointer;

    private static int Skip(uint entry) => (int)(entry >> 26);

    private static uint Pointer(uint entry) => entry & Nil;
}
