using System.Diagnostics;
using LiveClass.Bench.Measuring;
using LiveClass.Client;
using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.Bench.Load;

/// <summary>
/// One family (or the instructor) with its current hub connection. It accounts for every event by
/// seq as the protocol's client would apply them: per connection, a seq received twice is a
/// duplicate and a lower one out of order; per participant, every seq after its join snapshot must
/// arrive on some connection, in a rejoin answer, or be covered by a rejoin snapshot, else it is missing.
/// </summary>
public sealed class Participant(ClassRoom room, int index, string url, ParticipantRole role, RunMetrics metrics, ConnectionFactory factory)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    private readonly Lock _lock = new();
    private readonly SeqSet _covered = new();
    private Connection? _current;
    private long _duplicates;
    private long _outOfOrder;
    private long _jumps;
    private long _rejoinOrderErrors;

    public ClassRoom Room { get; } = room;
    public int Index { get; } = index;
    public string Url { get; } = url;
    public ParticipantRole Role { get; } = role;
    public string? Token { get; private set; }

    /// <summary>The seq of the first join's snapshot; everything after it must reach this participant.</summary>
    public long BaseSeq { get; private set; } = -1;

    public bool Joined => BaseSeq >= 0;
    public bool Connected => _current?.Hub.Connection.State == HubConnectionState.Connected;
    public long LastStreamSeq => _current?.LastSeq ?? 0;
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);
    public long StreamJumps => Interlocked.Read(ref _jumps);
    public long RejoinOrderErrors => Interlocked.Read(ref _rejoinOrderErrors);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new Connection(new ClassHubConnection(factory.Create(Url)));
        connection.Hub.OnClassEvent(evt => OnEvent(connection, evt));
        lock (_lock)
        {
            _current = connection;
        }

        await connection.Hub.Connection.StartAsync(cancellationToken);
    }

    public async Task JoinAsync(string displayName, CancellationToken cancellationToken)
    {
        var hub = _current?.Hub ?? throw new InvalidOperationException("connect first");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        var result = Role == ParticipantRole.Instructor
            ? await hub.JoinAsInstructor(Room.ClassId, Room.InstructorKey).WaitAsync(timeout.Token)
            : await hub.JoinAsParent(Room.JoinCode, displayName).WaitAsync(timeout.Token);
        lock (_lock)
        {
            Token = result.RejoinToken;
            BaseSeq = result.Snapshot.Seq;
        }

        Room.StepCount = result.Snapshot.Routine.Steps.Count;
        Room.ObserveReturned(result.Snapshot.Seq);
    }

    /// <summary>Calls a hub method that changes the class and returns its seq; failures are counted, not thrown.</summary>
    public async Task InvokeChangeAsync(string method, object?[] args, CancellationToken cancellationToken)
    {
        var hub = _current?.Hub;
        if (hub is null || hub.Connection.State != HubConnectionState.Connected)
        {
            // Dropped on purpose (a rejoin probe): a real client would not act now either.
            metrics.CountSkipped();
            return;
        }

        metrics.CallStarted();
        var startedAt = Clock.NowMs();
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CallTimeout);
            var seq = await hub.Connection.InvokeCoreAsync<long>(method, args, timeout.Token);
            Room.ObserveReturned(seq);
            metrics.CallEnded(startedAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (Exception exception)
        {
            metrics.CallEnded(startedAt, 0, exception);
        }
    }

    /// <summary>
    /// Drops the connection (a clean close, as when a phone sleeps), stays away for <paramref name="offline"/>,
    /// then connects again and calls <c>Rejoin(token, lastApplied)</c>.
    /// </summary>
    public async Task<RejoinSample> DropAndRejoinAsync(TimeSpan offline, CancellationToken cancellationToken)
    {
        await DisconnectAsync();
        await Task.Delay(offline, cancellationToken);
        return await RejoinAsync(cancellationToken);
    }

    /// <summary>Connects again and calls <c>Rejoin(token, lastApplied)</c>, timing both.</summary>
    public async Task<RejoinSample> RejoinAsync(CancellationToken cancellationToken)
    {
        long lastApplied;
        lock (_lock)
        {
            lastApplied = _covered.ContiguousEnd(BaseSeq);
        }

        var started = Stopwatch.GetTimestamp();
        double connectMs = 0;
        try
        {
            await ConnectAsync(cancellationToken);
            connectMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CallTimeout);
            var result = await _current!.Hub.Rejoin(Token, lastApplied).WaitAsync(timeout.Token);
            var totalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            long missed;
            lock (_lock)
            {
                if (result.Snapshot is { } snapshot)
                {
                    _covered.SetRange(BaseSeq + 1, snapshot.Seq);
                    missed = snapshot.Seq - lastApplied;
                    Room.ObserveReturned(snapshot.Seq);
                }
                else
                {
                    var expected = lastApplied + 1;
                    foreach (var evt in result.Events)
                    {
                        if (evt.Seq != expected)
                        {
                            Interlocked.Increment(ref _rejoinOrderErrors);
                        }

                        expected = evt.Seq + 1;
                        _covered.TestAndSet(evt.Seq);
                        Room.ObserveSeen(evt.Seq);
                    }

                    missed = result.Events.Count;
                }
            }

            var sample = new RejoinSample(totalMs, connectMs, totalMs - connectMs, missed, result.Snapshot is not null, true);
            metrics.Rejoins.Add(sample);
            return sample;
        }
        catch (Exception exception)
        {
            metrics.CountError(exception);
            var sample = new RejoinSample(Stopwatch.GetElapsedTime(started).TotalMilliseconds, connectMs, 0, 0, false, false);
            metrics.Rejoins.Add(sample);
            return sample;
        }
    }

    public async Task DisconnectAsync()
    {
        Connection? connection;
        lock (_lock)
        {
            connection = _current;
            _current = null;
        }

        if (connection is not null)
        {
            await connection.Hub.Connection.DisposeAsync();
        }
    }

    /// <summary>What this participant should have (every seq after its join, up to the class's last) and what it has.</summary>
    public (long Expected, long Received) Account(long finalSeq)
    {
        if (!Joined)
        {
            return (0, 0);
        }

        lock (_lock)
        {
            var expected = Math.Max(0, finalSeq - BaseSeq);
            return (expected, _covered.CountRange(BaseSeq + 1, finalSeq));
        }
    }

    private void OnEvent(Connection connection, ClassEvent evt)
    {
        var receivedAt = Clock.NowMs();
        lock (_lock)
        {
            if (!ReferenceEquals(connection, _current))
            {
                return;
            }

            if (connection.Seen.TestAndSet(evt.Seq))
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }

            if (evt.Seq < connection.LastSeq)
            {
                Interlocked.Increment(ref _outOfOrder);
            }
            else
            {
                if (connection.LastSeq > 0 && evt.Seq > connection.LastSeq + 1)
                {
                    Interlocked.Add(ref _jumps, evt.Seq - connection.LastSeq - 1);
                }

                connection.LastSeq = evt.Seq;
            }

            _covered.TestAndSet(evt.Seq);
        }

        Room.ObserveSeen(evt.Seq);
        metrics.OnDelivered(receivedAt - evt.At, evt.At, Room.HasStuckMember);
    }

    private sealed class Connection(ClassHubConnection hub)
    {
        public ClassHubConnection Hub { get; } = hub;
        public SeqSet Seen { get; } = new();
        public long LastSeq { get; set; }
    }
}
