namespace LiveClass.Domain;

internal static class ListTrimming
{
    /// <summary>Drops the oldest items until at most <paramref name="capacity"/> are left.</summary>
    public static void TrimFront<T>(this List<T> list, int capacity)
    {
        if (list.Count > capacity)
        {
            list.RemoveRange(0, list.Count - capacity);
        }
    }
}
