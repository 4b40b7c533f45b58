using LiveClass.Bench.Load;

namespace LiveClass.Bench.Tests;

public sealed class RunMetricsTests
{
    [Fact]
    public void Deliveries_in_the_window_are_split_by_whether_their_class_has_a_stuck_connection()
    {
        var metrics = new RunMetrics { SplitByStuck = true };
        metrics.OpenWindow(1_000);
        metrics.CloseWindow(2_000);

        metrics.OnDelivered(5, at: 1_100, besideStuck: true);
        metrics.OnDelivered(7, at: 1_200, besideStuck: false);
        metrics.OnDelivered(9, at: 1_300, besideStuck: false);
        metrics.OnDelivered(50, at: 2_500, besideStuck: true);

        Assert.Equal(3, metrics.Delivery.Count);
        Assert.Equal(1, metrics.DeliveryBesideStuck.Count);
        Assert.Equal(2, metrics.DeliveryApartFromStuck.Count);
        Assert.Equal(4, metrics.LiveMessages);
    }

    [Fact]
    public void A_run_without_stuck_connections_records_no_split()
    {
        var metrics = new RunMetrics();
        metrics.OpenWindow(0);
        metrics.CloseWindow(10_000);

        metrics.OnDelivered(5, at: 100, besideStuck: false);

        Assert.Equal(1, metrics.Delivery.Count);
        Assert.Equal(0, metrics.DeliveryBesideStuck.Count);
        Assert.Equal(0, metrics.DeliveryApartFromStuck.Count);
    }
}
