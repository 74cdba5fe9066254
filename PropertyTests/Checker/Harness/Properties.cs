using System.Collections.Concurrent;
using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Broken;
using RcuCollections.Tests.Checker.Models;

namespace RcuCollections.Tests.Checker.Harness;

/// <summary>The linearizability properties of the test objects: generator, executor and model wired together.</summary>
internal static class Properties
{
    public static LinearizabilityProperty<IIntDictionary, int?, MapOperation, MapResult> Dictionary(Func<IIntDictionary> factory)
        => LinearizabilityProperty.Create(factory, Generators.MapOperations, ExecuteMap, new MapModel(), Generators.UniqueMapValue);

    public static LinearizabilityProperty<TRegister, int, RegisterOperation, int> Register<TRegister>(Func<TRegister> factory, Func<TRegister, int> read, Action<TRegister, int> write)
        => LinearizabilityProperty.Create(
            factory,
            Generators.RegisterOperations,
            (register, operation) =>
            {
                if (operation.IsWrite)
                {
                    write(register, operation.Value);
                    return 0;
                }

                return read(register);
            },
            new RegisterModel(),
            Generators.UniqueRegisterValue,
            suffixOperations: FsCheck.Fluent.Gen.Constant(RegisterOperation.Read));

    public static LinearizabilityProperty<LossyQueue, QueueState, QueueOperation, int?> LossyQueue()
        => Queue(() => new LossyQueue(), (q, v) => q.Enqueue(v), q => q.TryDequeue(out int v) ? v : null);

    public static LinearizabilityProperty<ConcurrentQueue<int>, QueueState, QueueOperation, int?> ConcurrentQueue()
        => Queue(() => new ConcurrentQueue<int>(), (q, v) => q.Enqueue(v), q => q.TryDequeue(out int v) ? v : null);

    private static LinearizabilityProperty<TQueue, QueueState, QueueOperation, int?> Queue<TQueue>(Func<TQueue> factory, Action<TQueue, int> enqueue, Func<TQueue, int?> dequeue)
        => LinearizabilityProperty.Create(
            factory,
            Generators.QueueOperations,
            (queue, operation) =>
            {
                if (operation.IsEnqueue)
                {
                    enqueue(queue, operation.Value);
                    return null;
                }

                return dequeue(queue);
            },
            new QueueModel(),
            Generators.UniqueQueueValue,
            suffixOperations: Generators.Dequeues);

    private static MapResult ExecuteMap(IIntDictionary map, MapOperation operation)
    {
        switch (operation.Command)
        {
            case MapCommand.TryAdd:
                return new MapResult(map.TryAdd(operation.Key, operation.Value), 0);
            case MapCommand.TryRemove:
                bool removed = map.TryRemove(operation.Key, out int old);
                return new MapResult(removed, removed ? old : 0);
            case MapCommand.TryGetValue:
                bool found = map.TryGetValue(operation.Key, out int value);
                return new MapResult(found, found ? value : 0);
            default:
                map.Set(operation.Key, operation.Value);
                return new MapResult(true, 0);
        }
    }
}
