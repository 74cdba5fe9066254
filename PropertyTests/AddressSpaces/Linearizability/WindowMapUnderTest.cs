using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces.Linearizability;

/// <summary>
/// Two alias windows onto one backing RAM, separated by a hole so they never merge; window w shows page p when its
/// alias offset is p pages. <see cref="SplitTransactions"/> is a deliberately broken variant for the teeth test:
/// RemapBoth then commits each window separately.
/// </summary>
public sealed class WindowMapUnderTest : IDisposable
{
    public const ulong Page = 0x1000;

    private readonly MemoryMap _map;
    private readonly AddressSpace _space;
    private readonly MemoryRegion[] _windows;

    public WindowMapUnderTest(bool splitTransactions = false)
    {
        SplitTransactions = splitTransactions;
        MemoryRegion root = MemoryRegion.Container("system", ulong.MaxValue);
        MemoryRegion backing = MemoryRegion.Ram("backing", 1UL << 32);
        _windows = [MemoryRegion.Alias("w0", backing, 0, Page), MemoryRegion.Alias("w1", backing, 0, Page)];
        root.AddSubregion(WindowAddress(0), _windows[0]);
        root.AddSubregion(WindowAddress(1), _windows[1]);
        _map = new MemoryMap();
        _space = _map.CreateAddressSpace("memory", root);
    }

    public bool SplitTransactions { get; }

    public WindowResult Execute(WindowOperation operation)
    {
        switch (operation.Command)
        {
            case WindowCommand.Remap:
                _windows[operation.Window].SetAliasOffset((ulong)operation.Page * Page);
                return WindowResult.None;
            case WindowCommand.RemapBoth:
                using (SplitTransactions ? null : _map.BeginTransaction())
                {
                    _windows[0].SetAliasOffset((ulong)operation.Page * Page);
                    // The planted bug publishes between the two halves; widen that window so that the teeth test finds it
                    // within its budget even on two loaded cores (a faster commit made the bare window too narrow).
                    if (SplitTransactions) Thread.SpinWait(500);
                    _windows[1].SetAliasOffset((ulong)operation.OtherPage * Page);
                }

                return WindowResult.None;
            case WindowCommand.Translate:
                int page = (int)(_space.Translate(WindowAddress(operation.Window) + 0x10).OffsetInRegion / Page);
                return operation.Window == 0 ? new WindowResult(page, -1) : new WindowResult(-1, page);
            default:
                using (_map.Domain.ReadLock())
                {
                    IReadOnlyList<FlatRange> ranges = _space.CurrentView.Ranges;
                    return new WindowResult((int)(ranges[0].OffsetInRegion / Page), (int)(ranges[1].OffsetInRegion / Page));
                }
        }
    }

    public void Dispose() => _map.Dispose();

    private static ulong WindowAddress(int window) => (ulong)window * 4 * Page;
}
