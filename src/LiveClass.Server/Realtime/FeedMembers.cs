using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR;

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

        foreach (var message in held)
        {
            outbox.Enqueue(message);
        }
    }

    public void Leave(string connectionId) => _members.Remove(connectionId);

    /// <summary>Hands one serialized event to every member, or holds it for those joining; never waits.</summary>
    public void Send(ClassEvent evt, SerializedHubMessage message)
    {
        List<string>? gone = null;
        foreach (var (connectionId, member) in _members)
        {
            if (member.Outbox.IsClosed)
            {
                (gone ??= []).Add(connectionId);
            }
            else if (member.Held is { } held)
            {
                Hold(member, held, message);
            }
            else
            {
                member.Outbox.Enqueue(message);
            }
        }

        if (evt.Kind == ClassEventKind.ParticipantRemoved && evt.ParticipantId is { } removed)
        {
            // The family has its ParticipantRemoved; from now on it gets nothing more.
            gone ??= [];
            gone.AddRange(_members.Where(m => m.Value.Held is null && m.Value.ParticipantId == removed).Select(m => m.Key));
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

    private void Hold(FeedMember member, List<SerializedHubMessage> held, SerializedHubMessage message)
    {
        if (member.Overflowed || held.Count >= maxHeld)
        {
            member.Overflowed = true;
            held.Clear();
        }
        else
        {
            held.Add(message);
        }
    }
}
