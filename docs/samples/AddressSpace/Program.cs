// AddressSpace: a PC-like machine map rendered into flat views and published under RCU. Reader threads
// ("vCPUs") translate guest addresses lock-free while a writer remaps a PCI BAR; then a busy vCPU spins in one
// read section and a region's unmap still completes, because the engine forces it out (FQS).
using System.Diagnostics;
using RcuCollections;
using RcuCollections.AddressSpaces;

using var domain = new RcuDomain(new RcuOptions { Name = "machine" });
using var map = new MemoryMap(domain);

// The machine: 4 GiB of address space, RAM below the PCI hole, a BIOS ROM, a PCI window with one BAR.
var system = MemoryRegion.Container("system", 1UL << 32);
var ram = MemoryRegion.Ram("pc.ram", 128UL << 20);
var bios = MemoryRegion.Rom("pc.bios", 128UL << 10);
var pci = MemoryRegion.Container("pci", 1UL << 28);
var bar = MemoryRegion.Mmio("gpu-bar0", 1UL << 20, new CounterDevice());
system.AddSubregion(0, ram);
system.AddSubregion(0xFFFE0000, bios);
system.AddSubregion(0xE0000000, pci);
pci.AddSubregion(0x0100000, bar, priority: 1);
AddressSpace memory = map.CreateAddressSpace("memory", system);

Console.WriteLine("info mtree:");
Console.WriteLine(map.FormatTree());
Console.WriteLine("info mtree -f:");
Console.WriteLine(map.FormatFlat());

// vCPUs translate while the BAR moves around the PCI window.
using var stop = new CancellationTokenSource();
long translations = 0, barHits = 0, inconsistent = 0;
var vcpus = Enumerable.Range(0, 2).Select(i => new Thread(() =>
{
    var random = new Random(i);
    while (!stop.IsCancellationRequested)
    {
        ulong address = random.Next(4) == 0 ? 0xE0000000UL + (ulong)random.Next(1 << 28) : (ulong)random.Next(128 << 20);
        TranslationResult t = memory.Translate(address);
        if (ReferenceEquals(t.Region, bar)) Interlocked.Increment(ref barHits);
        if (!t.IsUnassigned && t.OffsetInRegion >= t.Region.Size) Interlocked.Increment(ref inconsistent);
        Interlocked.Increment(ref translations);
    }
})).ToList();
vcpus.ForEach(t => t.Start());
var writer = Stopwatch.StartNew();
int remaps = 0;
while (writer.ElapsedMilliseconds < 500)
{
    bar.SetAddress((ulong)(remaps % 200) << 20); // each mutation is its own transaction: render, publish, retire
    remaps++;
}
stop.Cancel();
vcpus.ForEach(t => t.Join());
Console.WriteLine($"{translations:N0} translations by 2 vCPUs while the BAR was remapped {remaps:N0} times; {barHits:N0} hit the BAR; inconsistent results: {inconsistent}");

// The busy vCPU: one long read section, left only when the grace-period side forces it out.
var owner = new ReleaseProbe();
var blob = MemoryRegion.Ram("gpu-blob", 1UL << 20);
blob.Owner = owner;
pci.AddSubregion(0x0400000, blob);
using var inSection = new ManualResetEventSlim();
using var stopSpinning = new CancellationTokenSource();
var busy = new Thread(() =>
{
    bool kicked = false;
    using IDisposable registration = domain.RegisterForceCallback(() => Volatile.Write(ref kicked, true));
    while (!stopSpinning.IsCancellationRequested)
    {
        using (domain.ReadLock())
        {
            memory.Translate(0xE0400000); // holds a translation into the blob while it spins
            inSection.Set();
            while (!Volatile.Read(ref kicked) && !stopSpinning.IsCancellationRequested) Thread.SpinWait(50);
            Volatile.Write(ref kicked, false);
        }
    }
});
busy.Start();
inSection.Wait();
var unmap = Stopwatch.StartNew();
pci.RemoveSubregion(blob);
bool released = owner.Released.Wait(TimeSpan.FromSeconds(10));
Console.WriteLine($"unmap with a busy vCPU: owner released after {unmap.Elapsed.TotalMilliseconds:F1} ms (no Barrier; the engine forced the vCPU out)");
stopSpinning.Cancel();
busy.Join();

bool ok = translations > 0 && barHits > 0 && inconsistent == 0 && released && remaps > 0;
Console.WriteLine(ok ? "AddressSpace: OK" : "AddressSpace: FAILED");
return ok ? 0 : 1;

internal sealed class ReleaseProbe : MemoryRegionOwner
{
    public ManualResetEventSlim Released { get; } = new();
    protected override void OnReleased() => Released.Set();
}
