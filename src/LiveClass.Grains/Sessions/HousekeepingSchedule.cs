namespace LiveClass.Grains.Sessions;

/// <summary>
/// When a class does its housekeeping: expiring silo subscriptions, ending itself when idle, and
/// writing its state when its journaled events are due for a checkpoint.
/// </summary>
public static class HousekeepingSchedule
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One to two periods after activation, at a random point: classes that activate together (the
    /// start of a term, the classes of a silo that died) would otherwise tick together for as long
    /// as they live, and write their checkpoints to the store in one burst every few seconds.
    /// </summary>
    public static TimeSpan FirstTick(Random random) => Period + (Period * random.NextDouble());
}
