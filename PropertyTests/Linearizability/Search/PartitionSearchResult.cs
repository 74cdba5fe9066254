namespace RcuCollections.Linearizability.Search;

/// <summary>The outcome of searching one partition.</summary>
/// <param name="Verdict">What the search concluded.</param>
/// <param name="Order">
/// For <see cref="PartitionVerdict.Linearizable"/>, a full linearization; otherwise the longest linearizable prefix the
/// search reached (operation indices in linearization order).
/// </param>
/// <param name="Steps">Search steps taken.</param>
/// <param name="MemoEntries">Distinct (completed set, state) pairs memoised.</param>
/// <param name="Pushes">Operations linearized (search nodes entered).</param>
internal readonly record struct PartitionSearchResult(PartitionVerdict Verdict, int[] Order, long Steps, int MemoEntries, long Pushes);
