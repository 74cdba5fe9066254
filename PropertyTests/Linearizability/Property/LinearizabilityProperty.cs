using FsCheck;

namespace RcuCollections.Linearizability;

/// <summary>Creates <see cref="LinearizabilityProperty{TObject, TState, TInput, TOutput}"/>s with type inference.</summary>
public static class LinearizabilityProperty
{
    /// <summary>Creates a linearizability property.</summary>
    /// <typeparam name="TObject">The object under test.</typeparam>
    /// <typeparam name="TState">The model state.</typeparam>
    /// <typeparam name="TInput">An operation and its arguments.</typeparam>
    /// <typeparam name="TOutput">What an operation returns.</typeparam>
    /// <param name="factory">Creates a fresh object under test.</param>
    /// <param name="operations">Generates operations.</param>
    /// <param name="execute">Performs an operation on the object.</param>
    /// <param name="model">The sequential specification.</param>
    /// <param name="makeUnique">Gives each operation a unique value from its position (see
    /// <see cref="LinearizabilityProperty{TObject, TState, TInput, TOutput}.MakeUnique"/>).</param>
    /// <param name="prefixOperations">Generates the init part's operations; defaults to <paramref name="operations"/>.</param>
    /// <param name="suffixOperations">Generates the post part's operations; defaults to <paramref name="operations"/>.</param>
    /// <returns>The property.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public static LinearizabilityProperty<TObject, TState, TInput, TOutput> Create<TObject, TState, TInput, TOutput>(
        Func<TObject> factory,
        Gen<TInput> operations,
        Func<TObject, TInput, TOutput> execute,
        IModel<TState, TInput, TOutput> model,
        Func<TInput, int, TInput>? makeUnique = null,
        Gen<TInput>? prefixOperations = null,
        Gen<TInput>? suffixOperations = null)
        => new(factory, operations, execute, model)
        {
            MakeUnique = makeUnique,
            PrefixOperations = prefixOperations,
            SuffixOperations = suffixOperations,
        };
}
