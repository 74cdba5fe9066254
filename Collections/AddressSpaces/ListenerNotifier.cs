using System.Runtime.ExceptionServices;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// Calls listener callbacks for one commit or replay: marks the map as notifying (so a callback that tries to mutate
/// it gets <see cref="InvalidOperationException"/>), and collects callback exceptions so that one failing listener
/// neither stops the others nor leaves address spaces half-published; they are rethrown once the commit is complete.
/// </summary>
internal sealed class ListenerNotifier(MemoryMap map)
{
    private List<ExceptionDispatchInfo>? _failures;

    public void Invoke(IMemoryListener listener, Action<IMemoryListener> callback)
    {
        bool wasNotifying = map.Notifying;
        map.Notifying = true;
        try
        {
            callback(listener);
        }
        catch (Exception ex)
        {
            (_failures ??= []).Add(ExceptionDispatchInfo.Capture(ex));
        }
        finally
        {
            map.Notifying = wasNotifying;
        }
    }

    public void Invoke(IMemoryListener listener, FlatRange range, Action<IMemoryListener, FlatRange> callback)
    {
        bool wasNotifying = map.Notifying;
        map.Notifying = true;
        try
        {
            callback(listener, range);
        }
        catch (Exception ex)
        {
            (_failures ??= []).Add(ExceptionDispatchInfo.Capture(ex));
        }
        finally
        {
            map.Notifying = wasNotifying;
        }
    }

    /// <summary>Rethrows a single failure as is, several as an <see cref="AggregateException"/>.</summary>
    public void ThrowIfAnyFailed()
    {
        if (_failures is null)
        {
            return;
        }

        if (_failures.Count == 1)
        {
            _failures[0].Throw();
        }

        throw new AggregateException(
            "Several memory listeners threw; the commit completed and the new views are published.",
            _failures.Select(f => f.SourceException));
    }
}
