// One Coyote engine at a time: the engine's static locks (DomainSlots, RcuMetrics) are shared by every iteration, and
// Coyote binds a lock to the test runtime that first touched it, so two explorations running side by side would report
// each other's accesses as bugs ("lock created in a previous test iteration with runtime id ...").
[assembly: CollectionBehavior(DisableTestParallelization = true)]
