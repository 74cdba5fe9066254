using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using RcuCollections.Linearizability.Reporting;
using RcuCollections.Linearizability.Search;

namespace RcuCollections.Linearizability;

/// <summary>
/// Decides whether a concurrent history is linearizable with respect to a sequential model.
/// </summary>
/// <remarks>
/// <para>
/// The algorithm is the Wing and Gong backtracking search with Lowe's memoisation of (linearized set, state) pairs, over a
/// doubly linked list of call and return entries with O(1) lift and unlift, as in Porcupine. It is exact: the verdict is
/// <see cref="CheckOutcome.Ok"/> only when a linearization was found and <see cref="CheckOutcome.Illegal"/> only when the
/// whole search space was exhausted. Checking is NP-complete in general (Gibbons and Korach), so a timeout turns a search
/// that takes too long into <see cref="CheckOutcome.Unknown"/>.
/// </para>
/// <para>
/// The model's <see cref="IModel{TState, TInput, TOutput}.Partition"/> splits the history (for example by key); the
/// partitions are searched independently, the smaller ones first, in parallel when the history is large enough to
/// pay for it, and the first illegal partition stops the others.
/// </para>
/// </remarks>
public static class LinearizabilityChecker
{
    /// <summary>Below this many operations in all, partitions are searched one after another on the calling thread.</summary>
    private const int ParallelThreshold = 256;

    /// <summary>Checks <paramref name="history"/> against <paramref name="model"/>.</summary>
    /// <typeparam name="TState">The model state.</typeparam>
    /// <typeparam name="TInput">The operation input.</typeparam>
    /// <typeparam name="TOutput">The operation output.</typeparam>
    /// <param name="model">The sequential specification.</param>
    /// <param name="history">The operations, in any order; timestamps from one clock.</param>
    /// <param name="timeout">How long to search before answering <see cref="CheckOutcome.Unknown"/>; <see langword="null"/> or
    /// <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <returns>The verdict, with an explanation when it is <see cref="CheckOutcome.Illegal"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative (other than infinite).</exception>
    /// <exception cref="ArgumentException">An operation returns before it is called.</exception>
    /// <exception cref="InvalidOperationException">The model's partitions do not hold every operation exactly once (by count).</exception>
    public static CheckResult Check<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>> history,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        if (timeout is { } limit && limit < TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be non-negative, infinite, or null.");
        }

        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < history.Count; i++)
        {
            if (history[i].Call > history[i].Return)
            {
                throw new ArgumentException(
                    $"Operation {i} (client {history[i].ClientId}, {history[i].Input}) returns at {history[i].Return}, before its call at {history[i].Call}.",
                    nameof(history));
            }
        }

        IReadOnlyList<Operation<TInput, TOutput>>[] partitions = model.Partition(history)?.ToArray()
            ?? throw new InvalidOperationException($"{model.GetType().Name}.Partition returned null.");
        int partitioned = 0;
        foreach (IReadOnlyList<Operation<TInput, TOutput>>? partition in partitions)
        {
            partitioned += partition?.Count
                ?? throw new InvalidOperationException($"{model.GetType().Name}.Partition returned a null partition.");
        }

        if (partitioned != history.Count)
        {
            throw new InvalidOperationException(
                $"{model.GetType().Name}.Partition returned {partitioned} operations in all for a history of {history.Count}; every operation must be in exactly one partition.");
        }

        var control = new SearchControl(timeout);
        var results = new PartitionSearchResult?[partitions.Length];

        // Smaller partitions first: they finish fast, and an illegal one found early stops the expensive ones.
        int[] order = Enumerable.Range(0, partitions.Length).OrderBy(i => partitions[i].Count).ToArray();
        if (partitions.Length <= 1 || history.Count < ParallelThreshold)
        {
            foreach (int index in order)
            {
                if (!SearchPartition(model, partitions, index, control, results))
                {
                    break;
                }
            }
        }
        else
        {
            SearchInParallel(model, partitions, order, control, results);
        }

        return Summarize(model, history.Count, partitions, results, timeout, Stopwatch.GetElapsedTime(started));
    }

    /// <returns><see langword="false"/> when the remaining partitions need not be searched.</returns>
    private static bool SearchPartition<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>>[] partitions,
        int index,
        SearchControl control,
        PartitionSearchResult?[] results)
    {
        if (control.ShouldStop())
        {
            return false;
        }

        PartitionSearchResult result = new PartitionSearch<TState, TInput, TOutput>(model, partitions[index], control).Run();
        results[index] = result;
        if (result.Verdict == PartitionVerdict.Illegal)
        {
            control.RequestStop(StopReason.IllegalPartitionFound);
            return false;
        }

        return result.Verdict != PartitionVerdict.Stopped;
    }

    private static void SearchInParallel<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>>[] partitions,
        int[] order,
        SearchControl control,
        PartitionSearchResult?[] results)
    {
        try
        {
            // Each iteration writes only its own slot of results; Parallel.ForEach's completion publishes them.
            // NoBuffering: each worker takes one partition at a time, so an expensive partition never holds back a cheap one
            // queued behind it in the same chunk.
            Parallel.ForEach(
                Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                (index, loop) =>
                {
                    if (!SearchPartition(model, partitions, index, control, results))
                    {
                        loop.Stop();
                    }
                });
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Count == 1)
        {
            // A model that throws should surface its own exception, not the loop's wrapper.
            ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
        }
    }

    private static CheckResult Summarize<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model,
        int operationCount,
        IReadOnlyList<Operation<TInput, TOutput>>[] partitions,
        PartitionSearchResult?[] results,
        TimeSpan? timeout,
        TimeSpan elapsed)
    {
        int undecided = 0;
        int illegal = -1;
        for (int i = 0; i < results.Length; i++)
        {
            PartitionVerdict? verdict = results[i]?.Verdict;
            if (verdict == PartitionVerdict.Illegal && illegal < 0)
            {
                illegal = i;
            }
            else if (verdict is null or PartitionVerdict.Stopped)
            {
                undecided++;
            }
        }

        if (illegal >= 0)
        {
            LinearizabilityViolation violation = ViolationBuilder.Build(model, partitions[illegal], illegal, partitions.Length, results[illegal]!.Value.Order);
            return new CheckResult(CheckOutcome.Illegal, operationCount, partitions.Length, undecided, elapsed, timeout, violation);
        }

        CheckOutcome outcome = undecided == 0 ? CheckOutcome.Ok : CheckOutcome.Unknown;
        return new CheckResult(outcome, operationCount, partitions.Length, undecided, elapsed, timeout, violation: null);
    }
}
