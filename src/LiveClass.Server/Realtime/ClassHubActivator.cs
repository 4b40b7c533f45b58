using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Server.Realtime;

/// <summary>
/// Creates the hub for each call from the silo's singletons. SignalR's own activator is a scoped
/// service: resolving it in every call's service scope gives that scope a table of resolved
/// services and an activator of its own, two allocations per call that this singleton saves.
/// </summary>
public sealed class ClassHubActivator(
    IGrainFactory grains,
    SiloClassBridge bridge,
    LocalConnections connections,
    ConnectionOutboxes outboxes,
    TimeProvider time) : IHubActivator<ClassHub>
{
    public ClassHub Create() => new(grains, bridge, connections, outboxes, time);

    public void Release(ClassHub hub) => hub.Dispose();
}
