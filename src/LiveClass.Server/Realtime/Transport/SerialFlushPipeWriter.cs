using System.Buffers;
using System.IO.Pipelines;

namespace LiveClass.Server.Realtime.Transport;

/// <summary>
/// A connection's transport writer that lets one flush wait at a time: a flush asked for while
/// another still waits for the client to read starts once that one is done. With stateful
/// reconnect SignalR flushes its acknowledgements on a timer of its own, beside a message whose
/// flush may still be waiting; the pipe does not allow two waiting flushes and ends the connection.
/// </summary>
public sealed class SerialFlushPipeWriter(PipeWriter inner) : PipeWriter
{
    private readonly Lock _lock = new();

    // The flush that still waits, if any; null or completed when the next may start at once.
    private Task<FlushResult>? _waiting;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _waiting is { IsCompleted: false } waiting
                ? Behind(waiting, cancellationToken)
                : Track(inner.FlushAsync(cancellationToken));
        }
    }

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_waiting is { IsCompleted: false } waiting)
            {
                // The bytes go in now, behind what is already there; only their flush waits its turn.
                this.Write(source.Span);
                return Behind(waiting, cancellationToken);
            }

            return Track(inner.WriteAsync(source, cancellationToken));
        }
    }

    public override void Advance(int bytes) => inner.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    /// <summary>Keeps a flush that has to wait, so that the next one waits behind it; one done at once costs nothing.</summary>
    private ValueTask<FlushResult> Track(ValueTask<FlushResult> flush)
    {
        if (flush.IsCompleted)
        {
            return flush;
        }

        var waiting = flush.AsTask();
        _waiting = waiting;
        return new ValueTask<FlushResult>(waiting);
    }

    private ValueTask<FlushResult> Behind(Task<FlushResult> waiting, CancellationToken cancellationToken)
    {
        var after = FlushAfterAsync(waiting, cancellationToken);
        _waiting = after;
        return new ValueTask<FlushResult>(after);
    }

    private async Task<FlushResult> FlushAfterAsync(Task<FlushResult> waiting, CancellationToken cancellationToken)
    {
        try
        {
            await waiting.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Its own caller hears of it; this flush asks the pipe again.
        }

        return await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
