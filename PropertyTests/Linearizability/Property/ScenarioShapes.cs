using FsCheck;
using FsCheck.Fluent;

namespace RcuCollections.Linearizability;

/// <summary>Generation and shrinking of <see cref="ConcurrentScenario{TInput}"/>s.</summary>
internal static class ScenarioShapes
{
    /// <summary>
    /// A generator of scenarios with the sizes in <paramref name="options"/>; every operation then passes through
    /// <paramref name="makeUnique"/> with its position (1, 2, ...) in the order init, thread 1, ..., post.
    /// </summary>
    /// <typeparam name="TInput">The operation type.</typeparam>
    /// <param name="operations">Operations of the parallel part.</param>
    /// <param name="prefixOperations">Operations of the init part.</param>
    /// <param name="suffixOperations">Operations of the post part.</param>
    /// <param name="makeUnique">Gives an operation a unique value, or null.</param>
    /// <param name="options">Sizes.</param>
    /// <returns>The generator.</returns>
    public static Gen<ConcurrentScenario<TInput>> Generator<TInput>(
        Gen<TInput> operations,
        Gen<TInput> prefixOperations,
        Gen<TInput> suffixOperations,
        Func<TInput, int, TInput>? makeUnique,
        LinearizabilityTestOptions options)
    {
        Gen<TInput[]> thread = Gen.Choose(options.MinOperationsPerThread, options.MaxOperationsPerThread)
            .SelectMany(count => operations.ArrayOf(count));
        return from threadCount in Gen.Choose(options.MinThreads, options.MaxThreads)
               from prefixCount in Gen.Choose(0, options.MaxPrefixOperations)
               from suffixCount in Gen.Choose(0, options.MaxSuffixOperations)
               from prefix in prefixOperations.ArrayOf(prefixCount)
               from threads in thread.ArrayOf(threadCount)
               from suffix in suffixOperations.ArrayOf(suffixCount)
               select MakeUnique(prefix, threads, suffix, makeUnique);
    }

    /// <summary>
    /// Smaller variants of a scenario, boldest first: without the post part, without the init part, without one
    /// thread, then without one operation. Unique values stay unique (operations are only removed).
    /// </summary>
    /// <typeparam name="TInput">The operation type.</typeparam>
    /// <param name="scenario">The failing scenario.</param>
    /// <returns>Candidates for FsCheck to try.</returns>
    public static IEnumerable<ConcurrentScenario<TInput>> Shrink<TInput>(ConcurrentScenario<TInput> scenario)
    {
        if (scenario.Suffix.Count > 0)
        {
            yield return new ConcurrentScenario<TInput>(scenario.Prefix, scenario.Threads, []);
        }

        if (scenario.Prefix.Count > 0)
        {
            yield return new ConcurrentScenario<TInput>([], scenario.Threads, scenario.Suffix);
        }

        if (scenario.Threads.Count > 1)
        {
            for (int thread = 0; thread < scenario.Threads.Count; thread++)
            {
                yield return new ConcurrentScenario<TInput>(scenario.Prefix, Without(scenario.Threads, thread), scenario.Suffix);
            }
        }

        for (int thread = 0; thread < scenario.Threads.Count; thread++)
        {
            if (scenario.Threads[thread].Count <= 1)
            {
                continue;
            }

            for (int operation = 0; operation < scenario.Threads[thread].Count; operation++)
            {
                var threads = scenario.Threads.ToArray();
                threads[thread] = Without(scenario.Threads[thread], operation);
                yield return new ConcurrentScenario<TInput>(scenario.Prefix, threads, scenario.Suffix);
            }
        }

        for (int operation = 0; operation < scenario.Suffix.Count; operation++)
        {
            yield return new ConcurrentScenario<TInput>(scenario.Prefix, scenario.Threads, Without(scenario.Suffix, operation));
        }

        for (int operation = 0; operation < scenario.Prefix.Count; operation++)
        {
            yield return new ConcurrentScenario<TInput>(Without(scenario.Prefix, operation), scenario.Threads, scenario.Suffix);
        }
    }

    private static ConcurrentScenario<TInput> MakeUnique<TInput>(TInput[] prefix, TInput[][] threads, TInput[] suffix, Func<TInput, int, TInput>? makeUnique)
    {
        if (makeUnique is not null)
        {
            int next = 1;
            Apply(prefix);
            foreach (TInput[] thread in threads)
            {
                Apply(thread);
            }

            Apply(suffix);

            void Apply(TInput[] operations)
            {
                for (int i = 0; i < operations.Length; i++)
                {
                    operations[i] = makeUnique(operations[i], next++);
                }
            }
        }

        return new ConcurrentScenario<TInput>(prefix, threads, suffix);
    }

    private static T[] Without<T>(IReadOnlyList<T> items, int index)
    {
        var result = new T[items.Count - 1];
        for (int i = 0, j = 0; i < items.Count; i++)
        {
            if (i != index)
            {
                result[j++] = items[i];
            }
        }

        return result;
    }
}
