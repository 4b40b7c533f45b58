using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Server.Realtime;

/// <summary>
/// SignalR's own lifetime manager, which also gives each connection its outbox, so that the
/// silo's class feeds write to connections directly instead of through SignalR groups, whose
/// sends complete only once every connection of the group has taken the message.
/// </summary>
public sealed class ClassHubLifetimeManager(ConnectionOutboxes outboxes, ILogger<DefaultHubLifetimeManager<ClassHub>> logger)
    : DefaultHubLifetimeManager<ClassHub>(logger)
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        outboxes.Open(connection);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        outboxes.Remove(connection.ConnectionId);
        return base.OnDisconnectedAsync(connection);
    }
}
