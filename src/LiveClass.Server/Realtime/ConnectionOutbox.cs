using LiveClass.Grains.Observability;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveClass.Server.Realtime;

/// <summary>
/// One connection's outbound events: a bounded queue that never makes the caller wait, drained
/// by a writer of its own that awaits the connection's transport. A connection that goes over a
/// bound is closed with a coded reason; its client rejoins by seq and the class log fills the gap.
/// The connection's keep-alive pings go the same way, so that every message the server writes to
/// it takes its turn with SignalR's own acknowledgements.
/// </summary>
public sealed partial class ConnectionOutbox
{
    // Serialized once per protocol and shared by every connection.
    private static readonly SerializedHubMessage KeepAliveMessage = new(PingMessage.Instance);

    private readonly HubConnectionContext _connection;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly LiveClassMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly OutboundQueue<SerializedHubMessage> _queue;
    private bool _writing;
    private string? _closedWith;
    private long _lastQueuedTicks;

    public ConnectionOutbox(HubConnectionContext connection, DeliveryOptions options, TimeProvider time, ILogger logger, LiveClassMetrics? metrics = null)
    {
        _connection = connection;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _queue = new OutboundQueue<SerializedHubMessage>(options.MaxQueuedEvents, options.MaxQueuedBytes, options.MaxQueueAge);
        _lastQueuedTicks = time.GetUtcNow().UtcTicks;
    }

    public string ConnectionId => _connection.ConnectionId;

    internal HubConnectionContext Connection => _connection;

    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closedWith is not null;
            }
        }
    }

    /// <summary>The protocol this connection speaks: what a message's size is counted in.</summary>
    public IHubProtocol Protocol => _connection.Protocol;

    /// <summary>Queues a message for this connection and returns at once; closes the connection if it is over a bound.</summary>
    /// <returns>False when the connection is closed, now or before, and takes nothing more.</returns>
    public bool Enqueue(SerializedHubMessage message) =>
        // Serialized once per protocol and shared by every connection that speaks it.
        Enqueue(message, message.GetSerializedMessage(_connection.Protocol).Length);

    /// <inheritdoc cref="Enqueue(SerializedHubMessage)"/>
    /// <param name="bytes">The message's size in this connection's <see cref="Protocol"/>, when the caller has it.</param>
    public bool Enqueue(SerializedHubMessage message, int bytes)
    {
        OutboundVerdict verdict;
        SerializedHubMessage? oldest = null;
        var direct = false;
        DateTimeOffset now;
        int depth;
        lock (_lock)
        {
            if (_closedWith is not null)
            {
                return false;
            }

            now = _time.GetUtcNow();
            if (!_writing && _queue.Count == 0)
            {
                // Nothing waits: this thread writes the message now, and it is queued only if the
                // transport makes it wait.
                verdict = _queue.Admit(bytes, now);
                direct = _writing = verdict == OutboundVerdict.Accepted;
            }
            else
            {
                verdict = _queue.TryEnqueue(message, bytes, now);
                if (verdict == OutboundVerdict.Accepted && !_writing)
                {
                    // This thread writes now; what failed to go out before stays ahead of this message.
                    _writing = true;
                    _queue.TryPeek(out oldest);
                }
            }

            depth = _queue.Count;
            if (verdict == OutboundVerdict.Accepted)
            {
                Volatile.Write(ref _lastQueuedTicks, now.UtcTicks);
            }
        }

        _metrics?.OutboxDepth(depth);
        if (verdict != OutboundVerdict.Accepted)
        {
            CloseTooSlow(verdict);
            return false;
        }

        if (direct)
        {
            WriteFirst(message, bytes, now);
        }
        else if (oldest is not null)
        {
            Drain(oldest);
        }

        return true;
    }

    /// <summary>Closes the connection if its oldest unsent event has waited too long; called periodically.</summary>
    public void CheckAge()
    {
        // Nothing is queued unless a write is going on, so an idle connection, as most are at any
        // moment, costs no lock here. One missed by a stale read is looked at again next time.
        if (!Volatile.Read(ref _writing))
        {
            return;
        }

        bool tooOld;
        lock (_lock)
        {
            tooOld = _closedWith is null && _queue.IsTooOld(_time.GetUtcNow());
        }

        if (tooOld)
        {
            CloseTooSlow(OutboundVerdict.TooOld);
        }
    }

    /// <summary>
    /// Sends a ping if nothing has been sent to this connection for <see cref="DeliveryOptions.KeepAliveInterval"/>,
    /// so that its client knows the server is still there; called periodically. A connection that
    /// is still being written to needs none.
    /// </summary>
    public void KeepAlive()
    {
        if (Volatile.Read(ref _writing))
        {
            return;
        }

        var idle = _time.GetUtcNow().UtcTicks - Volatile.Read(ref _lastQueuedTicks);
        if (idle >= _options.KeepAliveInterval.Ticks)
        {
            Enqueue(KeepAliveMessage);
        }
    }

    /// <summary>Closes the connection with a coded reason its client understands; it may reconnect and rejoin by seq.</summary>
    public void Close(string reason)
    {
        lock (_lock)
        {
            if (_closedWith is not null)
            {
                return;
            }

            _closedWith = reason;
            _queue.Clear();
        }

        _ = CloseAsync(reason);
    }

    /// <summary>The connection has gone: drop what it still had queued.</summary>
    public void Discard()
    {
        lock (_lock)
        {
            _closedWith ??= "disconnected";
            _queue.Clear();
        }
    }

    private void CloseTooSlow(OutboundVerdict verdict)
    {
        LogTooSlow(_logger, ConnectionId, verdict);
        _metrics?.ConnectionClosedTooSlow(verdict.ToString());
        Close($"{CloseReasons.TooSlow}: this connection fell too far behind its class; reconnect and rejoin by seq");
    }

    /// <summary>
    /// Writes a message that nothing was queued before. Written at once, as it almost always is, it
    /// never enters the queue; otherwise it becomes the queue's oldest item until it is written.
    /// </summary>
    private void WriteFirst(SerializedHubMessage message, int bytes, DateTimeOffset since)
    {
        if (!TryWriteAtOnce(message, out var pending, out var failure))
        {
            // Queued before anything can drain behind it: the writer is still this thread's.
            PutFirst(message, bytes, since);
            FinishWithout(pending, failure);
            return;
        }

        if (TryPeekNext(out var next))
        {
            Drain(next);
        }
    }

    private void PutFirst(SerializedHubMessage message, int bytes, DateTimeOffset since)
    {
        lock (_lock)
        {
            if (_closedWith is null)
            {
                _queue.PutFirst(message, bytes, since);
            }
        }
    }

    /// <summary>
    /// Writes what is queued, in order, starting with <paramref name="next"/> (the oldest), for as
    /// long as the transport takes each write at once (a plain copy into the connection's buffer,
    /// as SignalR's own group send does). The first write that has to wait goes on without the
    /// caller, which never waits on the transport.
    /// </summary>
    private void Drain(SerializedHubMessage next)
    {
        do
        {
            if (!TryWriteAtOnce(next, out var pending, out var failure))
            {
                FinishWithout(pending, failure);
                return;
            }
        }
        while (TryTakeNext(out next));
    }

    /// <summary>
    /// Starts writing <paramref name="message"/>: true when the transport took it at once. Otherwise
    /// either <paramref name="pending"/> is the write still going on, or <paramref name="failure"/>
    /// says why it could not start.
    /// </summary>
    private bool TryWriteAtOnce(SerializedHubMessage message, out ValueTask pending, out Exception? failure)
    {
        failure = null;
        try
        {
            pending = _connection.WriteAsync(message, _connection.ConnectionAborted);
        }
        catch (Exception exception)
        {
            pending = default;
            failure = exception;
            return false;
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return false;
        }

        // Consumed once, as a ValueTask must be, so a pooled source behind it goes back to its pool.
        pending.GetAwaiter().GetResult();
        return true;
    }

    /// <summary>A write that did not complete at once: the writer goes on after it without the caller, or stops if it failed.</summary>
    private void FinishWithout(ValueTask pending, Exception? failure)
    {
        if (failure is not null)
        {
            WriteFailed(failure);
        }
        else
        {
            _ = DrainAfterAsync(pending);
        }
    }

    private async Task DrainAfterAsync(ValueTask pending)
    {
        try
        {
            await pending;
        }
        catch (Exception exception)
        {
            WriteFailed(exception);
            return;
        }

        if (TryTakeNext(out var next))
        {
            Drain(next);
        }
    }

    /// <summary>
    /// The oldest message has been written: drops it and returns the one after it, or false (and
    /// the writer stops) when there is none or the connection is closed. One lock for both, as
    /// this runs once per event and connection.
    /// </summary>
    private bool TryTakeNext(out SerializedHubMessage next)
    {
        lock (_lock)
        {
            if (_closedWith is null)
            {
                _queue.Written();
            }

            return PeekOrStop(out next);
        }
    }

    /// <summary>A message that was never queued has been written: returns the oldest queued meanwhile, or false (and the writer stops).</summary>
    private bool TryPeekNext(out SerializedHubMessage next)
    {
        lock (_lock)
        {
            return PeekOrStop(out next);
        }
    }

    private bool PeekOrStop(out SerializedHubMessage next)
    {
        if (_closedWith is null && _queue.TryPeek(out next))
        {
            return true;
        }

        _writing = false;
        next = null!;
        return false;
    }

    private void WriteFailed(Exception exception)
    {
        // The transport is gone; the connection's disconnect discards the rest.
        LogWriteFailed(_logger, exception, ConnectionId);
        lock (_lock)
        {
            _writing = false;
        }
    }

    private async Task CloseAsync(string reason)
    {
        try
        {
            // Best effort: a stuck transport never takes it, so it gets a bounded wait.
            using var timeout = new CancellationTokenSource(_options.CloseTimeout);
            await _connection.WriteAsync(new CloseMessage(reason, allowReconnect: true), timeout.Token).AsTask().WaitAsync(_options.CloseTimeout);
        }
        catch (Exception)
        {
            // Aborted below either way.
        }

        _connection.Abort();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing connection {ConnectionId}: it fell behind its class ({Bound})")]
    private static partial void LogTooSlow(ILogger logger, string connectionId, OutboundVerdict bound);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Writing to connection {ConnectionId} failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string connectionId);
}
