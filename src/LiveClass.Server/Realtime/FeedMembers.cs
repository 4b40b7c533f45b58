using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveClass.Server.Realtime;

/// <summary>
/// The connections a <see cref="ClassFeed"/> hands events to, with the events held for those
/// still joining. Not thread-safe: the feed calls it under its own lock.
/// </summary>
internal sealed class FeedMembers(int maxHeld)
{
    private readonly Dictionary<string, FeedMember> _members = new(StringComparer.Ordinal);

    public int Count => _members.Count;

    /// <summary>Holds events for a joining connection; nothing happens if it is already a member.</summary>
    public void BeginJoin(ConnectionOutbox outbox)
    {
        if (!_members.ContainsKey(outbox.ConnectionId))
        {
            _members[outbox.ConnectionId] = new FeedMember(outbox) { Held = [] };
        }
    }

    /// <summary>A connection that was only joining gets nothing, not even what was held.</summary>
    public void AbandonJoin(string connectionId)
    {
        if (_members.TryGetValue(connectionId, out var member) && member.Held is not null)
        {
            _members.Remove(connectionId);
        }
    }

    /// <summary>The held events go out, then every live one, for this participant.</summary>
    public void Activate(ConnectionOutbox outbox, string participantId)
    {
        if (!_members.TryGetValue(outbox.ConnectionId, out var member))
        {
            _members[outbox.ConnectionId] = member = new FeedMember(outbox);
        }

        member.ParticipantId = participantId;
        if (member.Held is not { } held)
        {
            return;
        }

        member.Held = null;
        if (member.Overflowed)
        {
            _members.Remove(outbox.ConnectionId);
            outbox.Close($"{CloseReasons.TooSlow}: the class moved on too far while this connection joined; rejoin by seq");
            return;
        }

        int? removedAt = member.RemovedWhileJoining is { } removals && removals.TryGetValue(participantId, out var at) ? at : null;
        var count = removedAt ?? held.Count;
        for (var i = 0; i < count; i++)
        {
            outbox.Enqueue(held[i]);
        }

        if (removedAt is not null)
        {
            _members.Remove(outbox.ConnectionId);
        }
    }

    public void Leave(string connectionId) => _members.Remove(connectionId);

    /// <summary>Hands one serialized event to every member, or holds it for those joining; never waits.</summary>
    public void Send(ClassEvent evt, SerializedHubMessage message)
    {
        List<string>? gone = null;
        var size = new MessageSize(message);
        foreach (var (connectionId, member) in _members)
        {
            var open = member.Held is { } held
                ? Hold(member, held, message)
                : member.Outbox.Enqueue(message, size.In(member.Outbox.Protocol));
            if (!open)
            {
                (gone ??= []).Add(connectionId);
            }
        }

        if (evt.Kind == ClassEventKind.ParticipantRemoved && evt.ParticipantId is { } removed)
        {
            // The family has its ParticipantRemoved; from now on it gets nothing more. A connection
            // still joining holds it, and is let go once it turns out to be that family's.
            foreach (var (connectionId, member) in _members)
            {
                if (member.Held is { } held)
                {
                    (member.RemovedWhileJoining ??= new(StringComparer.Ordinal)).TryAdd(removed, held.Count);
                }
                else if (member.ParticipantId == removed)
                {
                    (gone ??= []).Add(connectionId);
                }
            }
        }

        if (gone is null)
        {
            return;
        }

        foreach (var connectionId in gone)
        {
            _members.Remove(connectionId);
        }
    }

    public void CloseAll(string reason)
    {
        foreach (var member in _members.Values)
        {
            member.Outbox.Close(reason);
        }

        _members.Clear();
    }

    /// <summary>False when the joining connection has closed meanwhile, and is dropped.</summary>
    private bool Hold(FeedMember member, List<SerializedHubMessage> held, SerializedHubMessage message)
    {
        if (member.Outbox.IsClosed)
        {
            return false;
        }

        if (member.Overflowed || held.Count >= maxHeld)
        {
            member.Overflowed = true;
            held.Clear();
        }
        else
        {
            held.Add(message);
        }

        return true;
    }

    /// <summary>
    /// A message's size in the protocol its members speak, looked up once per protocol rather
    /// than once per member (the lookup takes the message's lock).
    /// </summary>
    private struct MessageSize(SerializedHubMessage message)
    {
        private IHubProtocol? _protocol;
        private int _bytes;

        public int In(IHubProtocol protocol)
        {
            if (!ReferenceEquals(protocol, _protocol))
            {
                _bytes = message.GetSerializedMessage(protocol).Length;
                _protocol = protocol;
            }

            return _bytes;
        }
    }
}
