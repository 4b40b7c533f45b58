using LiveClass.Grains.Sessions;

namespace LiveClass.Tests.Grains;

/// <summary>Classes that activate together spread their housekeeping, and so their checkpoints, over the whole period.</summary>
public sealed class HousekeepingScheduleTests
{
    [Fact]
    public void Classes_activated_at_once_take_their_first_ticks_across_a_whole_period()
    {
        var random = new Random(20261203);
        var period = HousekeepingSchedule.Period;
        var firstTicks = Enumerable.Range(0, 250).Select(_ => HousekeepingSchedule.FirstTick(random)).ToList();

        Assert.All(firstTicks, tick => Assert.InRange(tick, period, period * 2));

        // Every fifth of the period gets some of the 250 classes, and none gets more than twice its share.
        var byFifth = firstTicks.GroupBy(tick => (int)((tick - period) / (period / 5))).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([0, 1, 2, 3, 4], byFifth.Keys.Order());
        Assert.All(byFifth.Values, count => Assert.InRange(count, 20, 100));
    }
}
