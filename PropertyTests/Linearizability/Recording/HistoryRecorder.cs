namespace RcuCollections.Linearizability;

/// <summary>
/// Records the history of a real concurrent run: each thread records into its own <see cref="HistoryClient{TInput, TOutput}"/>
/// (no sharing, no locks on the hot path), and every call and return event takes a timestamp from one global atomic
/// ticket.
/// </summary>
/// <remarks>
/// <para>
/// Why a ticket (<see cref="Interlocked.Increment(ref long)"/>) and not a clock: the checker treats "A returned before B
/// was called" as "B must see A's effects". With a plain clock read (<c>Stopwatch.GetTimestamp()</c>), a weakly ordered
/// CPU (ARM64) may let A's last store still sit in its store buffer when A reads its return time, and let B's first
/// load be satisfied before B reads its call time; the history then claims an order that the memory system never
/// guaranteed, and the checker reports a violation that is not there (Porcupine's README warns of exactly this).
/// An interlocked increment is a full fence on every .NET platform, and all increments of one location form a single
/// total order. If A's return ticket is smaller than B's call ticket, A's increment precedes B's in that order, so
/// everything A did before its return ticket happens-before everything B does after its call ticket. The recorded
/// order is therefore always one the hardware really enforced.
/// </para>
/// <para>
/// The price is one contended cache line per event, which serialises the threads a little at call and return; the
/// operations themselves still run unrecorded in between, so races inside them stay possible.
/// </para>
/// </remarks>
/// <typeparam name="TInput">What a client asked for.</typeparam>
/// <typeparam name="TOutput">What the client observed.</typeparam>
public sealed class HistoryRecorder<TInput, TOutput>
{
    private readonly List<HistoryClient<TInput, TOutput>> _clients = [];
    private readonly Lock _clientsLock = new();
    private long _ticket; // Only touched with Interlocked (see the remarks for what that full fence pairs with).

    /// <summary>The clients created so far.</summary>
    public int ClientCount
    {
        get
        {
            lock (_clientsLock)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Creates a client with the next free id (0, 1, ...). Thread-safe.</summary>
    /// <returns>A client to be used by one thread at a time.</returns>
    public HistoryClient<TInput, TOutput> CreateClient()
    {
        lock (_clientsLock)
        {
            var client = new HistoryClient<TInput, TOutput>(this, _clients.Count);
            _clients.Add(client);
            return client;
        }
    }

    /// <summary>
    /// Takes the next timestamp. Each call is a full fence and returns a value greater than every timestamp taken before
    /// it by any thread.
    /// </summary>
    /// <returns>A timestamp, starting at 1.</returns>
    public long NextTimestamp() => Interlocked.Increment(ref _ticket);

    /// <summary>
    /// Gathers every client's operations, ordered by call time. Call it only after the recording threads have finished
    /// and been joined (<see cref="Thread.Join()"/>, <see cref="Task.Wait()"/>, a barrier): the join is what makes their
    /// buffers visible to this thread.
    /// </summary>
    /// <returns>The history.</returns>
    /// <exception cref="InvalidOperationException">A client is still inside a call.</exception>
    public IReadOnlyList<Operation<TInput, TOutput>> GetHistory()
    {
        var history = new List<Operation<TInput, TOutput>>();
        lock (_clientsLock)
        {
            foreach (HistoryClient<TInput, TOutput> client in _clients)
            {
                if (client.IsInCall)
                {
                    throw new InvalidOperationException(
                        $"Client {client.ClientId} is still inside a call; join the recording threads before reading the history.");
                }

                history.AddRange(client.Operations);
            }
        }

        history.Sort(static (a, b) => a.Call.CompareTo(b.Call));
        return history;
    }
}
