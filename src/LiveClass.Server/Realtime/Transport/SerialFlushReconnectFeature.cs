// The feature is marked as a preview; SignalR's stateful reconnect is built on it.
#pragma warning disable CA2252

using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections.Abstractions;

namespace LiveClass.Server.Realtime.Transport;

/// <summary>
/// Hands SignalR's stateful-reconnect buffer the writer of the new transport after a reconnect
/// as a <see cref="SerialFlushPipeWriter"/> too, so its flushes keep taking turns.
/// </summary>
public sealed class SerialFlushReconnectFeature(IStatefulReconnectFeature inner) : IStatefulReconnectFeature
{
    public void OnReconnected(Func<PipeWriter, Task> notifyOnReconnect) =>
        inner.OnReconnected(writer => notifyOnReconnect(new SerialFlushPipeWriter(writer)));

    public void DisableReconnect() => inner.DisableReconnect();
}
