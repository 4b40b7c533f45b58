namespace LiveClass.Bench.Measuring;

/// <summary>Wall-clock Unix milliseconds with sub-millisecond precision: the same clock the server stamps <c>at</c> with.</summary>
public static class Clock
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    public static double NowMs() => (DateTime.UtcNow.Ticks - EpochTicks) / (double)TimeSpan.TicksPerMillisecond;
}
