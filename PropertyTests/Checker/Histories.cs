using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker;

/// <summary>Shorthand for hand-written histories: <c>H.Op(client, input, call, output, return)</c>.</summary>
internal static class H
{
    public static Operation<TInput, TOutput> Op<TInput, TOutput>(int client, TInput input, long call, TOutput output, long returned)
        => new(client, input, call, output, returned);

    public static Operation<TInput, TOutput> Pending<TInput, TOutput>(int client, TInput input, long call, TOutput output)
        => Operation.Pending(client, input, call, output);
}
