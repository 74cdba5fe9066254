namespace RcuCollections.Linearizability;

/// <summary>What one run of a scenario produced.</summary>
/// <typeparam name="TInput">The operation input.</typeparam>
/// <typeparam name="TOutput">The operation output.</typeparam>
/// <param name="History">The recorded history (client 0: init and post parts; client k: thread k).</param>
/// <param name="Prefix">The init part's operations as recorded.</param>
/// <param name="Threads">Each thread's operations as recorded (shorter than planned when one threw).</param>
/// <param name="Suffix">The post part's operations as recorded.</param>
/// <param name="Exception">An exception thrown by the object under test, if any.</param>
internal sealed record ScenarioRun<TInput, TOutput>(
    IReadOnlyList<Operation<TInput, TOutput>> History,
    IReadOnlyList<Operation<TInput, TOutput>> Prefix,
    IReadOnlyList<IReadOnlyList<Operation<TInput, TOutput>>> Threads,
    IReadOnlyList<Operation<TInput, TOutput>> Suffix,
    Exception? Exception);
