namespace LiveClass.Bench.Load;

public static class Concurrently
{
    /// <summary>Runs <paramref name="action"/> on every item, at most <paramref name="concurrency"/> at a time.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (item, _) => await action(item));
}
