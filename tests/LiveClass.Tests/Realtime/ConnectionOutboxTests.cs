using System.Collections.Concurrent;
using LiveClass.Contracts;
using LiveClass.Server.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveClass.Tests.Realtime;

public sealed class ConnectionOutboxTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    // What ControlledConnection records for a keep-alive ping.
    private const int Ping = 0;

    private static SerializedHubMessage Message(int n) => new(new InvocationMessage(nameof(IClassClient.ClassEvent), [n]));

    [Fact]
    public async Task Writes_in_order_and_never_makes_the_caller_wait_for_a_stuck_transport()
    {
        var connection = new ControlledConnection();
        var outbox = NewOutbox(connection, new DeliveryOptions());

        EnqueueMessages(outbox, 100);

        // The transport has taken nothing yet: every Enqueue above returned at once.
        await connection.WaitForPendingWriteAsync();
        Assert.Equal(1, connection.PendingWrites);

        connection.ReleaseAll();
        await connection.WaitForWrittenAsync(100);
        Assert.Equal(Enumerable.Range(1, 100), connection.Written);
        Assert.False(outbox.IsClosed);
        Assert.False(connection.Aborted);
    }

    [Fact]
    public async Task A_connection_over_the_count_is_closed_as_too_slow_and_aborted()
    {
        var connection = new ControlledConnection();
        var outbox = NewOutbox(connection, new DeliveryOptions { MaxQueuedEvents = 10, CloseTimeout = TimeSpan.FromMilliseconds(100) });

        EnqueueMessages(outbox, 11);

        Assert.True(outbox.IsClosed);
        await connection.WaitForAbortAsync();
        Assert.StartsWith("too_slow:", connection.CloseError);
        Assert.True(connection.CloseAllowsReconnect);
    }

    [Fact]
    public async Task A_connection_over_the_bytes_is_closed()
    {
        var connection = new ControlledConnection();
        var outbox = NewOutbox(connection, new DeliveryOptions { MaxQueuedBytes = 1024, CloseTimeout = TimeSpan.FromMilliseconds(100) });
        var big = new SerializedHubMessage(new InvocationMessage(nameof(IClassClient.ClassEvent), [new string('x', 600)]));

        outbox.Enqueue(big);
        Assert.False(outbox.IsClosed);
        outbox.Enqueue(big);

        Assert.True(outbox.IsClosed);
        await connection.WaitForAbortAsync();
    }

    [Fact]
    public async Task A_connection_whose_oldest_event_waits_too_long_is_closed_even_when_nothing_new_comes()
    {
        var connection = new ControlledConnection();
        var outbox = NewOutbox(connection, new DeliveryOptions { MaxQueueAge = TimeSpan.FromSeconds(10), CloseTimeout = TimeSpan.FromMilliseconds(100) });
        outbox.Enqueue(Message(1));
        await connection.WaitForPendingWriteAsync();

        _time.Advance(TimeSpan.FromSeconds(10));
        outbox.CheckAge();
        Assert.False(outbox.IsClosed);

        _time.Advance(TimeSpan.FromSeconds(1));
        outbox.CheckAge();
        Assert.True(outbox.IsClosed);
        await connection.WaitForAbortAsync();
    }

    [Fact]
    public async Task A_slow_connection_that_keeps_taking_events_within_the_bounds_stays_open()
    {
        var connection = new ControlledConnection();
        var outbox = NewOutbox(connection, new DeliveryOptions { MaxQueuedEvents = 5, MaxQueueAge = TimeSpan.FromSeconds(10) });

        for (var i = 1; i <= 50; i++)
        {
            outbox.Enqueue(Message(i));
            _time.Advance(TimeSpan.FromSeconds(2));
            outbox.CheckAge();
            if (i % 3 == 0)
            {
                connection.ReleaseAll();
                await connection.WaitForWrittenAsync(i);
            }
        }

        connection.ReleaseAll();
        await connection.WaitForWrittenAsync(50);
        Assert.False(outbox.IsClosed);
        Assert.Equal(Enumerable.Range(1, 50), connection.Written);
    }

    [Fact]
    public void A_transport_that_takes_writes_at_once_has_them_before_Enqueue_returns()
    {
        // No hop to the thread pool per event and connection: the write is a copy into the
        // connection's buffer on the fan-out's own thread, as in SignalR's group send.
        var connection = new ControlledConnection { TakesWritesAtOnce = true };
        var outbox = NewOutbox(connection, new DeliveryOptions());

        for (var i = 1; i <= 3; i++)
        {
            outbox.Enqueue(Message(i));
            Assert.Equal(Enumerable.Range(1, i), connection.Written);
        }

        Assert.False(outbox.IsClosed);
    }

    [Fact]
    public async Task Writes_queued_behind_a_waiting_write_follow_it_in_order_once_it_completes()
    {
        var connection = new ControlledConnection();
        var outbox = NewOutbox(connection, new DeliveryOptions());
        outbox.Enqueue(Message(1));
        await connection.WaitForPendingWriteAsync();
        outbox.Enqueue(Message(2));
        outbox.Enqueue(Message(3));

        connection.TakesWritesAtOnce = true;
        connection.ReleaseAll();
        await connection.WaitForWrittenAsync(3);

        Assert.Equal([1, 2, 3], connection.Written);
        outbox.Enqueue(Message(4));
        Assert.Equal([1, 2, 3, 4], connection.Written);
    }

    [Fact]
    public void Enqueue_answers_false_from_the_event_that_closes_the_connection_on()
    {
        var connection = new ControlledConnection();
        var outbox = NewOutbox(connection, new DeliveryOptions { MaxQueuedEvents = 2, CloseTimeout = TimeSpan.FromMilliseconds(100) });

        Assert.True(outbox.Enqueue(Message(1)));
        Assert.True(outbox.Enqueue(Message(2)));
        Assert.False(outbox.Enqueue(Message(3)));
        Assert.False(outbox.Enqueue(Message(4)));
        Assert.True(outbox.IsClosed);
    }

    [Fact]
    public void After_a_failed_write_the_events_queued_before_go_out_first()
    {
        var connection = new ControlledConnection { TakesWritesAtOnce = true, FailNextWrite = true };
        var outbox = NewOutbox(connection, new DeliveryOptions());

        Assert.True(outbox.Enqueue(Message(1)));
        Assert.Empty(connection.Written);
        Assert.True(outbox.Enqueue(Message(2)));

        // The failed write is tried again first: nothing overtakes what was queued before it.
        Assert.Equal([1, 2], connection.Written);
    }

    [Fact]
    public void A_connection_sent_nothing_for_the_keep_alive_interval_gets_a_ping_in_its_outbox()
    {
        var connection = new ControlledConnection { TakesWritesAtOnce = true };
        var outbox = NewOutbox(connection, new DeliveryOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });

        _time.Advance(TimeSpan.FromSeconds(14));
        outbox.KeepAlive();
        Assert.Empty(connection.Written);

        _time.Advance(TimeSpan.FromSeconds(1));
        outbox.KeepAlive();
        Assert.Equal([Ping], connection.Written);

        // An event counts as hearing from the server: the next ping is a full interval after it.
        _time.Advance(TimeSpan.FromSeconds(10));
        outbox.Enqueue(Message(1));
        _time.Advance(TimeSpan.FromSeconds(10));
        outbox.KeepAlive();
        Assert.Equal([Ping, 1], connection.Written);

        _time.Advance(TimeSpan.FromSeconds(5));
        outbox.KeepAlive();
        Assert.Equal([Ping, 1, Ping], connection.Written);
    }

    [Fact]
    public async Task A_connection_whose_write_is_still_going_on_gets_no_ping_behind_it()
    {
        var connection = new ControlledConnection();
        var outbox = NewOutbox(connection, new DeliveryOptions { KeepAliveInterval = TimeSpan.FromSeconds(15), MaxQueueAge = TimeSpan.FromMinutes(1) });
        outbox.Enqueue(Message(1));
        await connection.WaitForPendingWriteAsync();

        _time.Advance(TimeSpan.FromSeconds(40));
        outbox.KeepAlive();

        connection.ReleaseAll();
        await connection.WaitForWrittenAsync(1);
        Assert.Equal([1], connection.Written);
        Assert.False(outbox.IsClosed);
    }

    [Theory]
    [InlineData("00:00:10", "00:00:15", 1000)]
    [InlineData("00:00:10", "00:00:00.200", 50)]
    [InlineData("00:00:00.500", "00:00:15", 100)]
    [InlineData("00:00:00.100", "00:00:00.100", 20)]
    public void The_upkeep_looks_often_enough_for_both_bounds(string maxQueueAge, string keepAlive, int expectedMs)
    {
        var options = new DeliveryOptions { MaxQueueAge = TimeSpan.Parse(maxQueueAge), KeepAliveInterval = TimeSpan.Parse(keepAlive) };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), OutboxUpkeepService.Period(options));
    }

    private ConnectionOutbox NewOutbox(ControlledConnection connection, DeliveryOptions options) =>
        new(connection, options, _time, NullLogger.Instance);

    /// <summary>Enqueues messages 1 to <paramref name="count"/>, in order, as a class's fan-out does.</summary>
    private static void EnqueueMessages(ConnectionOutbox outbox, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            outbox.Enqueue(Message(i));
        }
    }

    /// <summary>A hub connection whose transport takes a write only when the test lets it.</summary>
    private sealed class ControlledConnection()
        : HubConnectionContext(new DefaultConnectionContext("test-connection"), new HubConnectionContextOptions(), NullLoggerFactory.Instance)
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _pending = new();
        private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _open;

        public ConcurrentQueue<int> Written { get; } = new();

        /// <summary>Like a transport with room in its buffer: every write completes before WriteAsync returns.</summary>
        public bool TakesWritesAtOnce { get; set; }

        /// <summary>The next write fails, as one to a transport in trouble would.</summary>
        public bool FailNextWrite { get; set; }

        public int PendingWrites => _pending.Count(p => !p.Task.IsCompleted);
        public bool Aborted => _aborted.Task.IsCompleted;
        public string? CloseError { get; private set; }
        public bool CloseAllowsReconnect { get; private set; }

        public override IHubProtocol Protocol { get; set; } = new JsonHubProtocol();

        public override async ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken = default)
        {
            if (FailNextWrite)
            {
                FailNextWrite = false;
                throw new IOException("The transport refused the write.");
            }

            if (!_open && !TakesWritesAtOnce)
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending.Enqueue(gate);
                await gate.Task;
            }

            Written.Enqueue(message.Message is PingMessage ? Ping : (int)((InvocationMessage)message.Message!).Arguments[0]!);
        }

        public override ValueTask WriteAsync(HubMessage message, CancellationToken cancellationToken = default)
        {
            if (message is CloseMessage close)
            {
                CloseError = close.Error;
                CloseAllowsReconnect = close.AllowReconnect;
            }

            // Like a stuck transport: the close message never gets through.
            return new ValueTask(Task.Delay(Timeout.Infinite, cancellationToken));
        }

        public override void Abort() => _aborted.TrySetResult();

        public void ReleaseAll()
        {
            _open = true;
            while (_pending.TryDequeue(out var gate))
            {
                gate.TrySetResult();
            }

            _open = false;
        }

        public Task WaitForAbortAsync() => _aborted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        public async Task WaitForPendingWriteAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (PendingWrites == 0)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        public async Task WaitForWrittenAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Written.Count < count)
            {
                // Writes queued after the last release wait for the next one.
                ReleaseAll();
                await Task.Delay(5, timeout.Token);
            }
        }
    }
}
