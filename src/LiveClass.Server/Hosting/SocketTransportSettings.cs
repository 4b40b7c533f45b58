namespace LiveClass.Server.Hosting;

/// <summary>How Kestrel's socket transport schedules its work, bound from the "SocketTransport" configuration section.</summary>
public sealed class SocketTransportSettings
{
    public const string SectionName = "SocketTransport";

    /// <summary>
    /// Runs the transport's continuations on the thread that completed the I/O instead of queueing
    /// each one to an I/O queue first. Every event a class delivers is one write on each of its
    /// connections, and each write took one more thread-pool hop on its way to the socket; inline,
    /// it goes on in the thread that wrote it. Nothing in the transport blocks (the hub runs after
    /// SignalR's own dispatch, on the thread pool, as before), so no connection waits on another.
    /// </summary>
    public bool InlineScheduling { get; set; } = true;
}
