using FsCheck;
using FsCheck.Fluent;

namespace RcuCollections.Tests.List;

/// <summary>One generated operation of the sequential model test: what to call, with which index and value.</summary>
/// <param name="Kind">Which operation (see <see cref="RcuListModelProperties"/>).</param>
/// <param name="Index">An index, deliberately sometimes out of range (-1 .. 12 on lists of a few elements).</param>
/// <param name="Value">A small value, so that duplicates, hits and misses are all common.</param>
public readonly record struct ListOp(int Kind, int Index, int Value)
{
    /// <summary>The number of operation kinds.</summary>
    public const int Kinds = 27;

    /// <summary>FsCheck arbitraries for <see cref="ListOp"/> (and so for arrays of them).</summary>
    public static class Arbitraries
    {
        /// <summary>Generates operations with indexes around the list's small sizes.</summary>
        public static Arbitrary<ListOp> Op() =>
            (from kind in Gen.Choose(0, Kinds - 1)
             from index in Gen.Choose(-1, 12)
             from value in Gen.Choose(0, 9)
             select new ListOp(kind, index, value)).ToArbitrary();
    }
}
