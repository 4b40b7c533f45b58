namespace LiveClass.Domain;

/// <summary>
/// Counts each participant's live connections per silo and decides when a family goes offline:
/// only after all their connections have been gone for the grace period, so a quick reconnect
/// does not flicker. A silo that stops reporting is dropped with all its connections.
/// </summary>
public sealed class PresenceTracker(TimeSpan gracePeriod)
{
    private readonly Dictionary<string, Dictionary<string, int>> _bySilo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _offlineDue = new(StringComparer.Ordinal);
    private readonly long _graceMs = (long)gracePeriod.TotalMilliseconds;

    public bool HasPendingOffline => _offlineDue.Count > 0;

    /// <summary>The silos that reported connections.</summary>
    public IReadOnlyCollection<string> Silos => _bySilo.Keys;

    public bool IsConnected(string participantId)
    {
        foreach (var counts in _bySilo.Values)
        {
            if (counts.TryGetValue(participantId, out var count) && count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sets how many connections <paramref name="siloId"/> holds for a participant; returns whether they are connected anywhere.</summary>
    public bool Report(string siloId, string participantId, int connections, long now)
    {
        if (!_bySilo.TryGetValue(siloId, out var counts))
        {
            _bySilo[siloId] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        if (connections > 0)
        {
            counts[participantId] = connections;
        }
        else
        {
            counts.Remove(participantId);
        }

        return Reconsider(participantId, now);
    }

    /// <summary>Replaces everything a silo reported with its full, current counts; returns who is connected now.</summary>
    public IReadOnlyList<string> ReplaceSilo(string siloId, IReadOnlyDictionary<string, int> connections, long now)
    {
        var previous = _bySilo.GetValueOrDefault(siloId);
        _bySilo[siloId] = connections.Where(c => c.Value > 0).ToDictionary(StringComparer.Ordinal);
        var affected = previous is null ? connections.Keys : previous.Keys.Union(connections.Keys);
        return affected.Where(p => Reconsider(p, now)).ToList();
    }

    public void DropSilo(string siloId, long now)
    {
        if (_bySilo.Remove(siloId, out var counts))
        {
            foreach (var participantId in counts.Keys)
            {
                Reconsider(participantId, now);
            }
        }
    }

    /// <summary>
    /// For a participant shown online whose connections are not (yet) known, e.g. after the class was
    /// reloaded: unless a silo reports them within <paramref name="settle"/> plus the grace period, they go offline.
    /// </summary>
    public void ExpectReport(string participantId, TimeSpan settle, long now)
    {
        if (!IsConnected(participantId))
        {
            _offlineDue[participantId] = now + (long)settle.TotalMilliseconds + _graceMs;
        }
    }

    /// <summary>The participants whose grace period has run out with no connection anywhere.</summary>
    public IReadOnlyList<string> TakeDueOffline(long now)
    {
        var due = _offlineDue.Where(d => d.Value <= now).Select(d => d.Key).ToList();
        foreach (var participantId in due)
        {
            _offlineDue.Remove(participantId);
        }

        return due;
    }

    public void Forget(string participantId)
    {
        _offlineDue.Remove(participantId);
        foreach (var counts in _bySilo.Values)
        {
            counts.Remove(participantId);
        }
    }

    private bool Reconsider(string participantId, long now)
    {
        if (IsConnected(participantId))
        {
            _offlineDue.Remove(participantId);
            return true;
        }

        _offlineDue.TryAdd(participantId, now + _graceMs);
        return false;
    }
}
