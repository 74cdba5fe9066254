using System.Diagnostics;

namespace RcuCollections;

/// <summary>
/// What a debugger shows for an <see cref="RcuList{T}"/>: the elements of one version (a copy made by
/// <see cref="RcuList{T}.ToArray"/>), as for <see cref="List{T}"/>, instead of the list's internal fields.
/// </summary>
internal sealed class RcuListDebugView<T>
{
    private readonly RcuList<T> _list;

    public RcuListDebugView(RcuList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        _list = list;
    }

    /// <summary>The elements of the version current when the debugger asked, in order.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.RootHidden)]
    public T[] Items => _list.ToArray();
}
