using FsCheck;
using FsCheck.Fluent;
using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Models;

namespace RcuCollections.Tests.Checker;

/// <summary>
/// Exactness, checked against the definition: on thousands of small random histories (random intervals, ties, open
/// calls, random outputs so that both verdicts are common), the checker agrees with a brute-force search over every
/// real-time-respecting order. Partitioning must not change a verdict either.
/// </summary>
public sealed class OracleTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1500).WithQuietOnSuccess(true);

    private static Gen<(long Call, long Return)> Interval(bool mayBePending) =>
        from call in Gen.Choose(0, 12)
        from length in Gen.Choose(0, 6)
        from pending in mayBePending ? Gen.Frequency((1, Gen.Constant(true)), (2, Gen.Constant(false))) : Gen.Constant(false)
        select ((long)call, pending ? Operation.PendingReturn : call + length);

    private static Gen<Operation<RegisterOperation, int>> RegisterCall(int client) =>
        from isWrite in Gen.Elements(true, false)
        from value in Gen.Choose(0, 2)
        from interval in Interval(mayBePending: isWrite) // a pending write is legal in every state; a pending read with a value is not
        select new Operation<RegisterOperation, int>(client, new RegisterOperation(isWrite, value), interval.Call, isWrite ? 0 : value, interval.Return);

    private static Gen<Operation<QueueOperation, int?>> QueueCall(int client) =>
        from isEnqueue in Gen.Elements(true, false)
        from value in Gen.Choose(1, 3)
        from empty in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from interval in Interval(mayBePending: false)
        select new Operation<QueueOperation, int?>(client, new QueueOperation(isEnqueue, value), interval.Call, isEnqueue || empty ? null : value, interval.Return);

    private static Gen<Operation<SetOperation, bool>> SetCall(int client) =>
        from command in Gen.Elements(SetCommand.Add, SetCommand.Remove, SetCommand.Contains)
        from item in Gen.Choose(0, 2)
        from output in Gen.Elements(true, false)
        from interval in Interval(mayBePending: false)
        select new Operation<SetOperation, bool>(client, new SetOperation(command, item), interval.Call, output, interval.Return);

    private static Gen<Operation<TInput, TOutput>[]> HistoryOf<TInput, TOutput>(Func<int, Gen<Operation<TInput, TOutput>>> call, int maxLength) =>
        Gen.Choose(1, maxLength).SelectMany(length => Gen.CollectToArray(Enumerable.Range(0, length).Select(call)));

    [Fact]
    public void Agrees_with_brute_force_on_register_histories_with_open_calls()
        => AgreesWithBruteForce(new RegisterModel(), HistoryOf(RegisterCall, 8));

    [Fact]
    public void Agrees_with_brute_force_on_queue_histories()
        => AgreesWithBruteForce(new QueueModel(), HistoryOf(QueueCall, 7));

    [Fact]
    public void Agrees_with_brute_force_on_set_histories_whole_and_partitioned()
    {
        AgreesWithBruteForce(new SetModel(partitionByItem: false), HistoryOf(SetCall, 7));
        AgreesWithBruteForce(new SetModel(partitionByItem: true), HistoryOf(SetCall, 7));
    }

    private static void AgreesWithBruteForce<TState, TInput, TOutput>(IModel<TState, TInput, TOutput> model, Gen<Operation<TInput, TOutput>[]> histories)
    {
        int[] verdicts = new int[2];
        Prop.ForAll(histories.ToArbitrary(), history =>
        {
            bool expected = BruteForceChecker.IsLinearizable(model, history);
            verdicts[expected ? 1 : 0]++;
            CheckOutcome actual = LinearizabilityChecker.Check(model, history).Outcome;
            return Prop.Label(actual == (expected ? CheckOutcome.Ok : CheckOutcome.Illegal), $"brute force says {expected}, checker says {actual}");
        }).Check(Runs);

        // Both verdicts must be common, or the comparison proves little.
        Assert.True(verdicts[0] > 150 && verdicts[1] > 150, $"unbalanced sample: {verdicts[0]} illegal, {verdicts[1]} linearizable");
    }
}
