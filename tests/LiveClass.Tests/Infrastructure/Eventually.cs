namespace LiveClass.Tests.Infrastructure;

/// <summary>Waits for what a server or silo does in its own time; the test fails once the timeout (ten seconds unless given) passes.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        using var expired = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (!await condition())
        {
            await Task.Delay(PollInterval, expired.Token);
        }
    }
}
