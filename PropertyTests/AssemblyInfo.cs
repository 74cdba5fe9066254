// Timing-bounded concurrency tests share two noisy cores in CI: run test classes one at a time so that one
// class's stress threads do not starve another class's readers and turn generous bounds into flakes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
