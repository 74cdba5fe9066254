namespace RcuCollections.Linearizability;

/// <summary>
/// One thread's view of a <see cref="HistoryRecorder{TInput, TOutput}"/>: a private buffer of the calls this thread made.
/// Use it from one thread at a time.
/// </summary>
/// <typeparam name="TInput">What a client asked for.</typeparam>
/// <typeparam name="TOutput">What the client observed.</typeparam>
public sealed class HistoryClient<TInput, TOutput>
{
    private readonly HistoryRecorder<TInput, TOutput> _recorder;
    private readonly List<Operation<TInput, TOutput>> _operations = [];
    private long _openCall; // 0 when no call is open, else the call's timestamp (timestamps start at 1).

    internal HistoryClient(HistoryRecorder<TInput, TOutput> recorder, int clientId)
    {
        _recorder = recorder;
        ClientId = clientId;
    }

    /// <summary>The client id stamped on this client's operations.</summary>
    public int ClientId { get; }

    /// <summary>This client's operations so far, in the order it made them.</summary>
    public IReadOnlyList<Operation<TInput, TOutput>> Operations => _operations;

    /// <summary>Whether a call has begun and not ended.</summary>
    internal bool IsInCall => _openCall != 0;

    /// <summary>
    /// Records one call: takes the call timestamp, runs <paramref name="call"/>, takes the return timestamp. If
    /// <paramref name="call"/> throws, nothing is recorded and the exception propagates; to record a failed call, use
    /// <see cref="BeginCall"/> with <see cref="EndCall"/> (the failure as an output) or <see cref="AbandonCall"/>.
    /// </summary>
    /// <param name="input">What is asked for.</param>
    /// <param name="call">Performs the call on the object under test.</param>
    /// <returns>The call's output.</returns>
    public TOutput Invoke(TInput input, Func<TInput, TOutput> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        long started = BeginCall();
        TOutput output;
        try
        {
            output = call(input);
        }
        catch
        {
            _openCall = 0;
            throw;
        }

        EndCall(input, started, output);
        return output;
    }

    /// <summary>Takes the call timestamp of a call about to start.</summary>
    /// <returns>The call timestamp, to pass to <see cref="EndCall"/> or <see cref="AbandonCall"/>.</returns>
    /// <exception cref="InvalidOperationException">A call of this client is already open.</exception>
    public long BeginCall()
    {
        if (_openCall != 0)
        {
            throw new InvalidOperationException($"Client {ClientId} already has an open call; use one client per thread.");
        }

        _openCall = _recorder.NextTimestamp();
        return _openCall;
    }

    /// <summary>Takes the return timestamp and records the completed call.</summary>
    /// <param name="input">What was asked for.</param>
    /// <param name="call">The timestamp from <see cref="BeginCall"/>.</param>
    /// <param name="output">What the call returned.</param>
    /// <exception cref="InvalidOperationException"><paramref name="call"/> is not this client's open call.</exception>
    public void EndCall(TInput input, long call, TOutput output)
    {
        long returned = _recorder.NextTimestamp();
        Close(call);
        _operations.Add(new Operation<TInput, TOutput>(ClientId, input, call, output, returned));
    }

    /// <summary>
    /// Records the open call as one whose outcome is unknown (it may or may not have taken effect): its return time is
    /// <see cref="Operation.PendingReturn"/>, and <paramref name="unknownOutput"/> must be an output the model accepts in
    /// every state.
    /// </summary>
    /// <param name="input">What was asked for.</param>
    /// <param name="call">The timestamp from <see cref="BeginCall"/>.</param>
    /// <param name="unknownOutput">The model's "unknown" output.</param>
    /// <exception cref="InvalidOperationException"><paramref name="call"/> is not this client's open call.</exception>
    public void AbandonCall(TInput input, long call, TOutput unknownOutput)
    {
        Close(call);
        _operations.Add(Operation.Pending(ClientId, input, call, unknownOutput));
    }

    private void Close(long call)
    {
        if (_openCall == 0 || call != _openCall)
        {
            throw new InvalidOperationException($"Client {ClientId} has no open call with timestamp {call}.");
        }

        _openCall = 0;
    }
}
