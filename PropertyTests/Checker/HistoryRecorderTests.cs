using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Broken;
using RcuCollections.Tests.Checker.Models;

namespace RcuCollections.Tests.Checker;

/// <summary>The recorder: per-thread buffers, one globally ordered clock, clear misuse errors.</summary>
public sealed class HistoryRecorderTests
{
    [Fact]
    public void One_client_records_calls_in_order_with_increasing_timestamps()
    {
        var recorder = new HistoryRecorder<int, int>();
        HistoryClient<int, int> client = recorder.CreateClient();
        Assert.Equal(6, client.Invoke(3, x => x * 2));
        Assert.Equal(8, client.Invoke(4, x => x * 2));

        IReadOnlyList<Operation<int, int>> history = recorder.GetHistory();
        Assert.Equal([(3, 6, 1L, 2L), (4, 8, 3L, 4L)], history.Select(o => (o.Input, o.Output, o.Call, o.Return)));
        Assert.All(history, o => Assert.Equal(0, o.ClientId));
    }

    [Fact]
    public void Timestamps_are_unique_and_ordered_across_threads()
    {
        const int Threads = 4;
        const int CallsPerThread = 2_000;
        var recorder = new HistoryRecorder<int, int>();
        HistoryClient<int, int>[] clients = Enumerable.Range(0, Threads).Select(_ => recorder.CreateClient()).ToArray();
        Thread[] threads = clients.Select(client => new Thread(() =>
        {
            for (int i = 0; i < CallsPerThread; i++)
            {
                client.Invoke(i, x => x);
            }
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "a recording thread did not finish");
        }

        IReadOnlyList<Operation<int, int>> history = recorder.GetHistory();
        Assert.Equal(Threads * CallsPerThread, history.Count);
        long[] stamps = history.SelectMany(o => new[] { o.Call, o.Return }).ToArray();
        Assert.Equal(stamps.Length, stamps.Distinct().Count());
        Assert.Equal(stamps.Length, stamps.Max()); // a dense ticket: 1..2n
        Assert.True(history.Zip(history.Skip(1)).All(pair => pair.First.Call < pair.Second.Call), "the history is not sorted by call");
        foreach (IGrouping<int, Operation<int, int>> perClient in history.GroupBy(o => o.ClientId))
        {
            Operation<int, int>[] own = perClient.ToArray();
            Assert.Equal(Enumerable.Range(0, CallsPerThread), own.Select(o => o.Input));
            Assert.True(own.Zip(own.Skip(1)).All(pair => pair.First.Return < pair.Second.Call), "one client's calls overlap");
        }
    }

    [Fact]
    public void A_call_that_starts_after_another_thread_saw_a_return_gets_a_later_timestamp()
    {
        var recorder = new HistoryRecorder<string, int>();
        HistoryClient<string, int> first = recorder.CreateClient();
        HistoryClient<string, int> second = recorder.CreateClient();
        using var returned = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            first.Invoke("first", _ => 1);
            returned.Set();
        });
        thread.Start();
        Assert.True(returned.Wait(TimeSpan.FromSeconds(30)));
        second.Invoke("second", _ => 2);
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));

        IReadOnlyList<Operation<string, int>> history = recorder.GetHistory();
        Assert.True(history.Single(o => o.Input == "first").Return < history.Single(o => o.Input == "second").Call);
    }

    [Fact]
    public void Begin_end_and_abandon_record_completed_and_open_calls()
    {
        var recorder = new HistoryRecorder<string, int?>();
        HistoryClient<string, int?> client = recorder.CreateClient();
        long call = client.BeginCall();
        client.EndCall("done", call, 7);
        long open = client.BeginCall();
        client.AbandonCall("lost", open, null);

        IReadOnlyList<Operation<string, int?>> history = recorder.GetHistory();
        Assert.Equal(2, history.Count);
        Assert.False(Operation.IsPending(history[0]));
        Assert.True(Operation.IsPending(history[1]));
        Assert.Equal(Operation.PendingReturn, history[1].Return);
    }

    [Fact]
    public void Misuse_is_reported_clearly()
    {
        var recorder = new HistoryRecorder<int, int>();
        HistoryClient<int, int> client = recorder.CreateClient();
        long call = client.BeginCall();
        Assert.Throws<InvalidOperationException>(() => client.BeginCall());
        Assert.Throws<InvalidOperationException>(() => recorder.GetHistory());
        Assert.Throws<InvalidOperationException>(() => client.EndCall(1, call + 100, 1));
        client.EndCall(1, call, 1);
        Assert.Throws<InvalidOperationException>(() => client.EndCall(1, call, 1));
        Assert.Throws<ArgumentNullException>(() => client.Invoke(1, null!));
    }

    [Fact]
    public void A_call_that_throws_is_not_recorded_and_the_client_stays_usable()
    {
        var recorder = new HistoryRecorder<int, int>();
        HistoryClient<int, int> client = recorder.CreateClient();
        Assert.Throws<InvalidOperationException>(() => client.Invoke(1, _ => throw new InvalidOperationException("boom")));
        client.Invoke(2, x => x);
        Assert.Equal(2, Assert.Single(recorder.GetHistory()).Input);
    }

    [Fact]
    public void A_recorded_run_of_a_correct_dictionary_checks_out()
    {
        var map = new LockedDictionary();
        var recorder = new HistoryRecorder<MapOperation, MapResult>();
        Thread[] threads = Enumerable.Range(0, 3).Select(t =>
        {
            HistoryClient<MapOperation, MapResult> client = recorder.CreateClient(); // one client per thread
            return new Thread(() =>
            {
                for (int i = 0; i < 20; i++)
                {
                    var operation = new MapOperation((MapCommand)(i % 4), Key: i % 3, Value: (100 * t) + i);
                    client.Invoke(operation, op => Execute(map, op));
                }
            });
        }).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        }

        // Joined: the history is complete and visible to this thread.
        CheckResult verdict = LinearizabilityChecker.Check(new MapModel(), recorder.GetHistory(), TimeSpan.FromSeconds(10));
        Assert.Equal(CheckOutcome.Ok, verdict.Outcome);
        Assert.Equal(60, verdict.OperationCount);
        Assert.Equal(3, verdict.PartitionCount);
    }

    private static MapResult Execute(LockedDictionary map, MapOperation operation)
    {
        switch (operation.Command)
        {
            case MapCommand.TryAdd:
                return new MapResult(map.TryAdd(operation.Key, operation.Value), 0);
            case MapCommand.TryRemove:
                return map.TryRemove(operation.Key, out int removed) ? new MapResult(true, removed) : new MapResult(false, 0);
            case MapCommand.TryGetValue:
                return map.TryGetValue(operation.Key, out int found) ? new MapResult(true, found) : new MapResult(false, 0);
            default:
                map.Set(operation.Key, operation.Value);
                return new MapResult(true, 0);
        }
    }
}
