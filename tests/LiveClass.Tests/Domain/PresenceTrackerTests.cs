using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class PresenceTrackerTests
{
    private const long Grace = 10_000;
    private const long T0 = 1_000_000;
    private readonly PresenceTracker _tracker = new(TimeSpan.FromMilliseconds(Grace));

    [Fact]
    public void A_connected_participant_is_never_due_offline()
    {
        Assert.True(_tracker.Report("silo-a", "p1", 2, T0));

        Assert.True(_tracker.IsConnected("p1"));
        Assert.False(_tracker.HasPendingOffline);
        Assert.Empty(_tracker.TakeDueOffline(T0 + 10 * Grace));
    }

    [Fact]
    public void A_participant_goes_offline_only_when_the_grace_period_has_passed()
    {
        _tracker.Report("silo-a", "p1", 1, T0);

        Assert.False(_tracker.Report("silo-a", "p1", 0, T0));

        Assert.False(_tracker.IsConnected("p1"));
        Assert.True(_tracker.HasPendingOffline);
        Assert.Empty(_tracker.TakeDueOffline(T0 + Grace - 1));
        Assert.Equal(["p1"], _tracker.TakeDueOffline(T0 + Grace));
        Assert.False(_tracker.HasPendingOffline);
        Assert.Empty(_tracker.TakeDueOffline(T0 + 2 * Grace));
    }

    [Fact]
    public void A_reconnect_within_the_grace_period_cancels_going_offline()
    {
        _tracker.Report("silo-a", "p1", 1, T0);
        _tracker.Report("silo-a", "p1", 0, T0);

        Assert.True(_tracker.Report("silo-b", "p1", 1, T0 + Grace - 1));

        Assert.False(_tracker.HasPendingOffline);
        Assert.Empty(_tracker.TakeDueOffline(T0 + 10 * Grace));
    }

    [Fact]
    public void The_grace_period_runs_from_the_first_report_of_no_connection()
    {
        _tracker.Report("silo-a", "p1", 0, T0);
        _tracker.Report("silo-a", "p1", 0, T0 + Grace / 2);

        Assert.Equal(["p1"], _tracker.TakeDueOffline(T0 + Grace));
    }

    [Fact]
    public void A_connection_on_another_silo_keeps_a_participant_online()
    {
        _tracker.Report("silo-a", "p1", 1, T0);
        _tracker.Report("silo-b", "p1", 1, T0);

        Assert.True(_tracker.Report("silo-a", "p1", 0, T0));

        Assert.False(_tracker.HasPendingOffline);
        Assert.Empty(_tracker.TakeDueOffline(T0 + 10 * Grace));
        Assert.False(_tracker.Report("silo-b", "p1", 0, T0 + 1));
        Assert.Equal(["p1"], _tracker.TakeDueOffline(T0 + 1 + Grace));
    }

    [Fact]
    public void Dropping_a_silo_takes_its_connections_offline_after_the_grace_period()
    {
        _tracker.Report("silo-a", "p1", 1, T0);
        _tracker.Report("silo-a", "p2", 3, T0);
        _tracker.Report("silo-b", "p2", 1, T0);

        _tracker.DropSilo("silo-a", T0 + 5);

        Assert.False(_tracker.IsConnected("p1"));
        Assert.True(_tracker.IsConnected("p2"));
        Assert.Empty(_tracker.TakeDueOffline(T0 + 4 + Grace));
        Assert.Equal(["p1"], _tracker.TakeDueOffline(T0 + 5 + Grace));
    }

    [Fact]
    public void Dropping_an_unknown_silo_changes_nothing()
    {
        _tracker.Report("silo-a", "p1", 1, T0);

        _tracker.DropSilo("silo-x", T0);

        Assert.True(_tracker.IsConnected("p1"));
        Assert.False(_tracker.HasPendingOffline);
    }

    [Fact]
    public void Replacing_a_silo_reports_who_is_connected_and_starts_grace_for_who_is_gone()
    {
        _tracker.Report("silo-a", "p1", 1, T0);
        _tracker.Report("silo-a", "p2", 1, T0);

        var connected = _tracker.ReplaceSilo("silo-a", new Dictionary<string, int> { ["p2"] = 2, ["p3"] = 1, ["p4"] = 0 }, T0 + 1);

        Assert.Equal(["p2", "p3"], connected.Order(StringComparer.Ordinal));
        Assert.False(_tracker.IsConnected("p1"));
        Assert.False(_tracker.IsConnected("p4"));
        Assert.Equal(["p1", "p4"], _tracker.TakeDueOffline(T0 + 1 + Grace).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Replacing_a_silo_for_the_first_time_adds_its_connections()
    {
        var connected = _tracker.ReplaceSilo("silo-a", new Dictionary<string, int> { ["p1"] = 1 }, T0);

        Assert.Equal(["p1"], connected);
        Assert.True(_tracker.IsConnected("p1"));
        Assert.False(_tracker.HasPendingOffline);
    }

    [Fact]
    public void An_expected_report_that_never_comes_takes_the_participant_offline()
    {
        var settle = TimeSpan.FromSeconds(15);

        _tracker.ExpectReport("p1", settle, T0);

        Assert.True(_tracker.HasPendingOffline);
        Assert.Empty(_tracker.TakeDueOffline(T0 + 15_000 + Grace - 1));
        Assert.Equal(["p1"], _tracker.TakeDueOffline(T0 + 15_000 + Grace));
    }

    [Fact]
    public void An_expected_report_that_comes_keeps_the_participant_online()
    {
        _tracker.ExpectReport("p1", TimeSpan.FromSeconds(15), T0);

        _tracker.ReplaceSilo("silo-a", new Dictionary<string, int> { ["p1"] = 1 }, T0 + 1000);

        Assert.False(_tracker.HasPendingOffline);
        Assert.Empty(_tracker.TakeDueOffline(T0 + 100 * Grace));
    }

    [Fact]
    public void No_report_is_expected_from_someone_already_connected()
    {
        _tracker.Report("silo-a", "p1", 1, T0);

        _tracker.ExpectReport("p1", TimeSpan.FromSeconds(15), T0);

        Assert.False(_tracker.HasPendingOffline);
    }

    [Fact]
    public void Forget_drops_a_participant_everywhere()
    {
        _tracker.Report("silo-a", "p1", 1, T0);
        _tracker.Report("silo-a", "p2", 0, T0);

        _tracker.Forget("p1");
        _tracker.Forget("p2");

        Assert.False(_tracker.IsConnected("p1"));
        Assert.False(_tracker.HasPendingOffline);
        Assert.Empty(_tracker.TakeDueOffline(T0 + 10 * Grace));
    }
}
