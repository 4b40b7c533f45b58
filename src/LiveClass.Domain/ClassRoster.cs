using System.Diagnostics.CodeAnalysis;
using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>Everyone a class has had, in the order they first joined, whether present, gone or removed.</summary>
public sealed class ClassRoster
{
    private readonly List<RosterEntry> _entries;
    private readonly Dictionary<string, RosterEntry> _byId;

    public ClassRoster(List<RosterEntry> entries)
    {
        _entries = entries;
        _byId = entries.ToDictionary(e => e.ParticipantId, StringComparer.Ordinal);
    }

    public IReadOnlyList<RosterEntry> Entries => _entries;

    public int Count => _entries.Count;

    public int ParentCount => _entries.Count(e => e.Role == ParticipantRole.Parent && e.Status == RosterStatus.Present);

    public bool TryGet([NotNullWhen(true)] string? participantId, [NotNullWhen(true)] out RosterEntry? entry)
    {
        entry = null;
        return participantId is not null && _byId.TryGetValue(participantId, out entry);
    }

    /// <summary>What an event does to the roster.</summary>
    public void Apply(ClassEvent evt)
    {
        TryGet(evt.Participant?.ParticipantId ?? evt.ParticipantId, out var entry);
        switch (evt.Kind)
        {
            case ClassEventKind.ParticipantJoined when evt.Participant is { } participant:
                entry ??= Add(participant);
                entry.Status = RosterStatus.Present;
                entry.Online = participant.Online;
                entry.CheckIn = participant.CheckIn;
                break;
            case ClassEventKind.ParticipantLeft when entry is not null:
                entry.Status = RosterStatus.Left;
                entry.Online = false;
                break;
            case ClassEventKind.ParticipantRemoved when entry is not null:
                entry.Status = RosterStatus.Removed;
                entry.Online = false;
                break;
            case ClassEventKind.PresenceChanged when entry is not null && evt.Online is { } online:
                entry.Online = online;
                break;
            case ClassEventKind.CheckedIn when entry is not null:
                entry.CheckIn = evt.CheckIn;
                break;
        }
    }

    private RosterEntry Add(Participant participant)
    {
        var entry = new RosterEntry { ParticipantId = participant.ParticipantId, DisplayName = participant.DisplayName, Role = participant.Role };
        _entries.Add(entry);
        _byId.Add(entry.ParticipantId, entry);
        return entry;
    }
}
