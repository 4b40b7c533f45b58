using System.IO.Pipelines;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Tests.Infrastructure;

/// <summary>
/// Takes the place of the writer that a connection's stateful-reconnect buffer writes through
/// (its messages and its acknowledgements), and holds each message's body for a while after it is
/// in the buffer and before it counts as written: whatever else writes to the transport meanwhile,
/// not in turn, lands in its place. SignalR has no hook for this, so it is reached by reflection.
/// </summary>
public sealed class HalfWrittenAcknowledgements(PipeWriter inner, TimeSpan hold) : PipeWriter
{
    private int _count;

    /// <summary>How many writes were held half-written.</summary>
    public int Count => Volatile.Read(ref _count);

    public static HalfWrittenAcknowledgements Hold(HubConnectionContext connection, TimeSpan? hold = null)
    {
        var buffer = Field(typeof(HubConnectionContext), "_messageBuffer").GetValue(connection)
            ?? throw new InvalidOperationException("The connection has no stateful-reconnect buffer.");
        var writer = Field(buffer.GetType(), "_writer");
        var held = new HalfWrittenAcknowledgements((PipeWriter)writer.GetValue(buffer)!, hold ?? TimeSpan.FromSeconds(1.5));
        writer.SetValue(buffer, held);
        return held;
    }

    public override void Advance(int bytes)
    {
        // A message's length prefix is one byte and its body more: the body is held.
        if (bytes > 1)
        {
            Interlocked.Increment(ref _count);
            Thread.Sleep(hold);
        }

        inner.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{type.Name}.{name} is not there: this SignalR version keeps its writer elsewhere.");
}
