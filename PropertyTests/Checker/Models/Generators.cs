using FsCheck;
using FsCheck.Fluent;

namespace RcuCollections.Tests.Checker.Models;

/// <summary>Operation generators and executors for the checker's own harness tests.</summary>
internal static class Generators
{
    /// <summary>Dictionary calls on keys 0..2 (contention), values made unique by <see cref="UniqueMapValue"/>.</summary>
    public static Gen<MapOperation> MapOperations { get; } =
        from command in Gen.Frequency((3, Gen.Constant(MapCommand.TryAdd)), (2, Gen.Constant(MapCommand.TryRemove)), (3, Gen.Constant(MapCommand.TryGetValue)), (1, Gen.Constant(MapCommand.Set)))
        from key in Gen.Choose(0, 2)
        select new MapOperation(command, key, 0);

    /// <summary>Register reads and writes, reads twice as often (a stale read needs readers after a write).</summary>
    public static Gen<RegisterOperation> RegisterOperations { get; } =
        Gen.Frequency((2, Gen.Constant(RegisterOperation.Read)), (1, Gen.Constant(RegisterOperation.Write(0))));

    /// <summary>Enqueues and dequeues, equally often.</summary>
    public static Gen<QueueOperation> QueueOperations { get; } =
        Gen.Elements(QueueOperation.Enqueue(0), QueueOperation.Dequeue);

    /// <summary>Dequeues only: a post part that drains the queue, so that a lost element shows.</summary>
    public static Gen<QueueOperation> Dequeues { get; } = Gen.Constant(QueueOperation.Dequeue);

    /// <summary>Gives a dictionary write a unique value.</summary>
    public static MapOperation UniqueMapValue(MapOperation operation, int position) => operation with { Value = position };

    /// <summary>Gives a register write a unique value.</summary>
    public static RegisterOperation UniqueRegisterValue(RegisterOperation operation, int position) => operation with { Value = position };

    /// <summary>Gives an enqueue a unique value.</summary>
    public static QueueOperation UniqueQueueValue(QueueOperation operation, int position) => operation with { Value = position };
}
