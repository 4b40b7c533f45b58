namespace LiveClass.Server.Realtime;

/// <summary>The hub connections on this silo, by class and participant.</summary>
public sealed class LocalConnections
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ConnectionBinding> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _byClass = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byConnection.Count;
            }
        }
    }

    public void Add(ConnectionBinding binding)
    {
        lock (_lock)
        {
            _byConnection[binding.ConnectionId] = binding;
            if (!_byClass.TryGetValue(binding.ClassId, out var participants))
            {
                _byClass[binding.ClassId] = participants = new(StringComparer.Ordinal);
            }

            if (!participants.TryGetValue(binding.ParticipantId, out var connections))
            {
                participants[binding.ParticipantId] = connections = new(StringComparer.Ordinal);
            }

            connections.Add(binding.ConnectionId);
        }
    }

    public ConnectionBinding? Get(string connectionId)
    {
        lock (_lock)
        {
            return _byConnection.GetValueOrDefault(connectionId);
        }
    }

    public bool Remove(string connectionId, out ConnectionBinding? binding)
    {
        lock (_lock)
        {
            if (!_byConnection.Remove(connectionId, out binding))
            {
                return false;
            }

            var participants = _byClass[binding.ClassId];
            var connections = participants[binding.ParticipantId];
            connections.Remove(connectionId);
            if (connections.Count == 0)
            {
                participants.Remove(binding.ParticipantId);
                if (participants.Count == 0)
                {
                    _byClass.Remove(binding.ClassId);
                }
            }

            return true;
        }
    }

    public int CountFor(string classId, string participantId)
    {
        lock (_lock)
        {
            return _byClass.GetValueOrDefault(classId)?.GetValueOrDefault(participantId)?.Count ?? 0;
        }
    }

    public IReadOnlyDictionary<string, int> CountsFor(string classId)
    {
        lock (_lock)
        {
            return _byClass.GetValueOrDefault(classId)?.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal)
                ?? new Dictionary<string, int>();
        }
    }

    public IReadOnlyList<string> ConnectionsOf(string classId, string participantId)
    {
        lock (_lock)
        {
            return _byClass.GetValueOrDefault(classId)?.GetValueOrDefault(participantId)?.ToArray() ?? [];
        }
    }

    public bool HasClass(string classId)
    {
        lock (_lock)
        {
            return _byClass.ContainsKey(classId);
        }
    }
}
