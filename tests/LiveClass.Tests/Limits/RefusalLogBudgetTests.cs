using LiveClass.Server.Limits;
using Microsoft.Extensions.Time.Testing;

namespace LiveClass.Tests.Limits;

public sealed class RefusalLogBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_flood_logs_a_few_refusals_a_second_and_the_next_one_logged_says_how_many_were_not()
    {
        var budget = new RefusalLogBudget(_time, perSecond: 3);

        var logged = Enumerable.Range(0, 100).Count(_ => budget.TryTake(out long _));
        Assert.Equal(3, logged);

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(budget.TryTake(out _));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(budget.TryTake(out var skipped));
        Assert.Equal(98, skipped);
        Assert.True(budget.TryTake(out skipped));
        Assert.Equal(0, skipped);
    }

    [Fact]
    public void Refusals_within_the_budget_are_each_logged_with_nothing_skipped()
    {
        var budget = new RefusalLogBudget(_time, perSecond: 3);

        for (var second = 0; second < 5; second++)
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.True(budget.TryTake(out var skipped));
                Assert.Equal(0, skipped);
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
