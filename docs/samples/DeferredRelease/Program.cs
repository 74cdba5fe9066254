// DeferredRelease: native memory behind an RcuDictionary. Values removed or replaced are disposed (freed) only
// after a grace period, when no reader can still be using them, while readers look them up without locks.
using System.Diagnostics.Metrics;
using RcuCollections;

using var domain = new RcuDomain(new RcuOptions { Name = "deferred-release" });
var buffers = new RcuDictionary<int, NativeBuffer>(new RcuDictionaryOptions { Domain = domain, DisposeRemovedValues = true });
for (int key = 0; key < 64; key++) buffers[key] = new NativeBuffer((byte)key);

// Watch the engine's meter, as dotnet-counters would (dotnet-counters monitor --counters RcuCollections.Rcu).
long gracePeriodsSeen = 0;
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, l) =>
{
    if (instrument.Meter.Name == "RcuCollections.Rcu" && instrument.Name == "rcu.grace_periods") l.EnableMeasurementEvents(instrument);
};
listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
{
    foreach (KeyValuePair<string, object?> tag in tags)
        if (tag.Key == "rcu.domain.name" && (string?)tag.Value == "deferred-release") Interlocked.Exchange(ref gracePeriodsSeen, value);
});
listener.Start();

// Readers: look a buffer up and read from it. The dictionary's lookup runs in its own read section; a reader that
// keeps using the value afterwards holds its own section around both, so the buffer cannot be freed under it.
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
long reads = 0;
var readers = Enumerable.Range(0, 2).Select(r => new Thread(() =>
{
    var random = new Random(r);
    while (!stop.IsCancellationRequested)
    {
        int key = random.Next(64);
        using (domain.ReadLock())
        {
            if (buffers.TryGetValue(key, out NativeBuffer? buffer))
            {
                byte b = buffer.Read(random.Next(NativeBuffer.Size)); // throws if it was freed: it never is
                if (b != (byte)key) throw new InvalidOperationException("wrong contents");
            }
        }
        Interlocked.Increment(ref reads);
    }
})).ToList();
readers.ForEach(t => t.Start());

// A writer keeps replacing buffers; each replaced one is freed a grace period later.
long replaced = 0;
var writerRandom = new Random(42);
while (!stop.IsCancellationRequested)
{
    int key = writerRandom.Next(64);
    buffers[key] = new NativeBuffer((byte)key);
    replaced++;
}
readers.ForEach(t => t.Join());

domain.Barrier(); // every deferred release has run
listener.RecordObservableInstruments();
RcuStatistics s = domain.GetStatistics();
Console.WriteLine($"reads {reads:N0}, buffers replaced {replaced:N0}, native buffers still allocated {NativeBuffer.Live} (the 64 live ones)");
Console.WriteLine($"grace periods {s.GracePeriods:N0} (meter: {Interlocked.Read(ref gracePeriodsSeen):N0}), forced {s.ForcedGracePeriods:N0}, callbacks invoked {s.CallbacksInvoked:N0}, pending {s.CallbacksPending}");

buffers.Clear();
domain.Barrier();
Console.WriteLine($"after Clear and Barrier: {NativeBuffer.Live} native buffers allocated");

bool ok = reads > 0 && replaced > 0 && NativeBuffer.Live == 0 && s.GracePeriods > 0 && Interlocked.Read(ref gracePeriodsSeen) > 0;
Console.WriteLine(ok ? "DeferredRelease: OK" : "DeferredRelease: FAILED");
return ok ? 0 : 1;
