namespace RcuCollections.Tests.Checker.Models;

/// <summary>An operation of <see cref="ExplosiveModel"/>: add an item (0..63) to a partition's set, or, with item -1, an
/// operation the model never accepts.</summary>
/// <param name="Partition">The partition it belongs to.</param>
/// <param name="Item">The item, or -1 for the impossible operation.</param>
public readonly record struct ExplosiveOperation(int Partition, int Item)
{
    /// <inheritdoc/>
    public override string ToString() => Item < 0 ? $"Impossible[{Partition}]" : $"Add[{Partition}]({Item})";
}
