namespace LiveClass.Tests.Memory;

/// <summary>Waits for what a memory service does on its own thread, and fails after 10 s.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> done, Func<string> failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done())
        {
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail(failure());
            }

            await Task.Delay(5);
        }
    }
}
