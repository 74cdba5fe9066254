using System.Text;

namespace RcuCollections.Linearizability;

/// <summary>
/// A small concurrent test: operations run sequentially on a fresh object (the init part), then by several threads
/// released together (one list per thread), then sequentially again once they have all finished (the post part).
/// </summary>
/// <typeparam name="TInput">The operation type.</typeparam>
public sealed class ConcurrentScenario<TInput>
{
    /// <summary>Creates a scenario.</summary>
    /// <param name="prefix">The init part.</param>
    /// <param name="threads">The parallel part, one list per thread (at least one thread).</param>
    /// <param name="suffix">The post part.</param>
    /// <exception cref="ArgumentNullException">An argument or a thread list is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="threads"/> is empty.</exception>
    public ConcurrentScenario(IReadOnlyList<TInput> prefix, IReadOnlyList<IReadOnlyList<TInput>> threads, IReadOnlyList<TInput> suffix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(threads);
        ArgumentNullException.ThrowIfNull(suffix);
        if (threads.Count == 0)
        {
            throw new ArgumentException("A scenario needs at least one thread.", nameof(threads));
        }

        foreach (IReadOnlyList<TInput> thread in threads)
        {
            ArgumentNullException.ThrowIfNull(thread, nameof(threads));
        }

        Prefix = prefix;
        Threads = threads;
        Suffix = suffix;
    }

    /// <summary>The init part, run sequentially before the threads start.</summary>
    public IReadOnlyList<TInput> Prefix { get; }

    /// <summary>The parallel part: the operations of each thread, in program order.</summary>
    public IReadOnlyList<IReadOnlyList<TInput>> Threads { get; }

    /// <summary>The post part, run sequentially after every thread has finished.</summary>
    public IReadOnlyList<TInput> Suffix { get; }

    /// <summary>The number of operations in all parts.</summary>
    public int OperationCount => Prefix.Count + Threads.Sum(t => t.Count) + Suffix.Count;

    /// <summary>All operations in the order init, thread 1, thread 2, ..., post.</summary>
    /// <returns>The operations.</returns>
    public IEnumerable<TInput> AllOperations() => Prefix.Concat(Threads.SelectMany(t => t)).Concat(Suffix);

    /// <summary>A one-line form, as FsCheck prints it: <c>init [a; b] | T1 [c; d] | T2 [e] | post [f]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("init [").AppendJoin("; ", Prefix).Append(']');
        for (int i = 0; i < Threads.Count; i++)
        {
            text.Append(" | T").Append(i + 1).Append(" [").AppendJoin("; ", Threads[i]).Append(']');
        }

        return text.Append(" | post [").AppendJoin("; ", Suffix).Append(']').ToString();
    }
}
