namespace RcuCollections.Tests.Checker.Broken;

/// <summary>The dictionary surface the harness tests drive (broken and correct implementations alike).</summary>
public interface IIntDictionary
{
    /// <summary>Adds the key unless present.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it added.</returns>
    bool TryAdd(int key, int value);

    /// <summary>Removes the key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The removed value.</param>
    /// <returns>Whether it was present.</returns>
    bool TryRemove(int key, out int value);

    /// <summary>Looks the key up.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was present.</returns>
    bool TryGetValue(int key, out int value);

    /// <summary>Sets the key to the value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    void Set(int key, int value);
}
