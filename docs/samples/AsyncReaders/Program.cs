// AsyncReaders: read sections that cross await (RcuDomain.EnterAsyncSection). A request handler reads the published
// settings, awaits I/O, and still uses the same settings object afterwards, on whatever thread it resumed on; the
// writer's replaced settings are disposed only once every such section that could hold them has ended.
// docs/getting-started.md quotes this file; CI runs it against the packed packages.
using RcuCollections;

var failures = new List<string>();
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition) failures.Add(what);
}

var domain = new RcuDomain(new RcuOptions { Name = "async-sample", PollInterval = TimeSpan.FromMilliseconds(1) });
var settings = new RcuReference<Settings>(new Settings(generation: 0), domain);
int handled = 0, sawDisposed = 0;

async Task HandleRequestAsync()
{
    using (domain.EnterAsyncSection())
    {
        Settings current = settings.Value!;
        await Task.Delay(2);                          // I/O: the section stays open across the await
        if (current.IsDisposed) Interlocked.Increment(ref sawDisposed);
        Interlocked.Increment(ref handled);
    }                                                 // may end on another thread
}

// A writer replaces the settings while 200 requests are in flight.
Task[] requests = Enumerable.Range(0, 200).Select(_ => Task.Run(HandleRequestAsync)).ToArray();
for (int g = 1; g <= 100; g++)
{
    settings.Replace(new Settings(g));
    await Task.Yield();
}
await Task.WhenAll(requests);

// SynchronizeAsync waits for the async sections that began before it, without blocking a thread.
RcuAsyncSection open = domain.EnterAsyncSection();
ValueTask gracePeriod = domain.SynchronizeAsync();
await Task.Delay(20);
Check(!gracePeriod.IsCompleted, "a grace period waits for an async section that began before it");
open.Dispose();
await gracePeriod;

domain.Barrier();
Check(handled == 200, "all requests were handled");
Check(sawDisposed == 0, "no request saw its settings disposed while its section was open");
domain.Dispose();

Console.WriteLine(failures.Count == 0 ? "AsyncReaders: OK" : "AsyncReaders: FAILED");
return failures.Count == 0 ? 0 : 1;

/// <summary>Settings whose disposal is observable.</summary>
internal sealed class Settings(int generation) : IDisposable
{
    private int _disposed;

    public int Generation { get; } = generation;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Dispose() => Volatile.Write(ref _disposed, 1);
}
