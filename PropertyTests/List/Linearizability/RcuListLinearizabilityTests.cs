using FsCheck;
using FsCheck.Fluent;
using RcuCollections.Linearizability;
using Xunit.Abstractions;

namespace RcuCollections.Tests.List.Linearizability;

/// <summary>
/// Linearizability of RcuList (plain and pooled) under concurrent Add, Insert, Remove, AddIfAbsent, indexer get/set,
/// Contains, Count and Snapshot, checked against <see cref="ListModel"/>. Values come from a small set so that
/// AddIfAbsent, Remove and Contains race on the same elements.
/// </summary>
public sealed class RcuListLinearizabilityTests(ITestOutputHelper output)
{
    private static readonly Gen<ListOperation> Operations =
        from command in Gen.Frequency(
            (3, Gen.Constant(ListCommand.Add)),
            (2, Gen.Constant(ListCommand.Insert)),
            (2, Gen.Constant(ListCommand.Remove)),
            (3, Gen.Constant(ListCommand.AddIfAbsent)),
            (2, Gen.Constant(ListCommand.Get)),
            (2, Gen.Constant(ListCommand.Set)),
            (2, Gen.Constant(ListCommand.Contains)),
            (1, Gen.Constant(ListCommand.Count)),
            (2, Gen.Constant(ListCommand.Snapshot)))
        from index in Gen.Choose(0, 3)
        from value in Gen.Choose(0, 3)
        select new ListOperation(command, index, value);

    [Fact]
    public void PlainList_IsLinearizable() => Check(() => new RcuList<int>());

    [Fact]
    public void PooledList_IsLinearizable() =>
        Check(() => new RcuList<int>(new RcuListOptions { PoolArrays = true, MaxPooledArraysPerLength = 2, PooledElementsPerLength = 0 }));

    private void Check(Func<RcuList<int>> factory)
    {
        LinearizabilityReport report = LinearizabilityProperty
            .Create(factory, Operations, Execute, new ListModel())
            .Run();
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    private static ListResult Execute(RcuList<int> list, ListOperation operation)
    {
        try
        {
            switch (operation.Command)
            {
                case ListCommand.Add:
                    list.Add(operation.Value);
                    return new ListResult(true);
                case ListCommand.Insert:
                    list.Insert(operation.Index, operation.Value);
                    return new ListResult(true);
                case ListCommand.Remove:
                    return new ListResult(list.Remove(operation.Value));
                case ListCommand.AddIfAbsent:
                    return new ListResult(list.AddIfAbsent(operation.Value));
                case ListCommand.Get:
                    return new ListResult(true, list[operation.Index]);
                case ListCommand.Set:
                    list[operation.Index] = operation.Value;
                    return new ListResult(true);
                case ListCommand.Contains:
                    return new ListResult(list.Contains(operation.Value));
                case ListCommand.Count:
                    return new ListResult(true, list.Count);
                default:
                    return new ListResult(true, 0, string.Join(",", list.Snapshot()));
            }
        }
        catch (ArgumentOutOfRangeException) when (operation.Command is ListCommand.Insert or ListCommand.Get or ListCommand.Set)
        {
            return new ListResult(false); // the model checks that the index was out of range in the linearized state
        }
    }
}
