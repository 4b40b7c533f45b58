namespace LiveClass.Domain;

/// <summary>
/// New lists for the parts of a class's state that are shared, not copied, by each stored copy:
/// the list given is never changed.
/// </summary>
public static class CopyOnWrite
{
    /// <summary>A copy of <paramref name="items"/> with <paramref name="item"/> at <paramref name="index"/>, or added at the end when the index is negative.</summary>
    public static List<T> With<T>(List<T> items, int index, T item)
    {
        var copy = new List<T>(index < 0 ? items.Count + 1 : items.Count);
        copy.AddRange(items);
        if (index < 0)
        {
            copy.Add(item);
        }
        else
        {
            copy[index] = item;
        }

        return copy;
    }
}
