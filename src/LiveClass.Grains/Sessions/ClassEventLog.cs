using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// The recent events of a class, for <c>Rejoin</c> and fan-out: at least <c>capacity</c> of them,
/// contiguous and in seq order. The newest ones are the state's <see cref="ClassSessionState.Log"/>,
/// written with every change; older ones are sealed into <see cref="LogSegment"/>s that are stored
/// once each and kept here in memory, so a write does not grow with the length of the log.
/// </summary>
public sealed class ClassEventLog : IClassEventLog
{
    private readonly ClassSessionState _state;
    private readonly int _capacity;
    private readonly int _segmentSize;
    private readonly List<ClassEvent> _sealed = [];
    private readonly List<LogSegment> _unreferenced = [];

    /// <param name="sealedEvents">The stored events of <paramref name="state"/>'s segments, oldest first,
    /// each segment's events in a list of its own (empty when a segment could not be found).</param>
    public ClassEventLog(ClassSessionState state, int capacity, int segmentSize, IReadOnlyList<IReadOnlyList<ClassEvent>>? sealedEvents = null)
    {
        _state = state;
        _capacity = capacity;
        _segmentSize = segmentSize;
        Restore(sealedEvents ?? []);
    }

    private List<ClassEvent> Unsealed => _state.Log;
    private List<LogSegment> Segments => _state.LogSegments;
    private int Count => _sealed.Count + Unsealed.Count;
    /// <summary>The seq of the oldest event the log still holds, if any.</summary>
    public long? OldestSeq => Oldest?.Seq;

    private ClassEvent? Oldest => _sealed.Count > 0 ? _sealed[0] : Unsealed.Count > 0 ? Unsealed[0] : null;

    public void Append(ClassEvent evt)
    {
        Unsealed.Add(evt);
        // Trim in chunks, so the lists are not shifted on every event.
        if (Count > _capacity + _capacity / 4)
        {
            DropOldSegments();
            if (Unsealed.Count > _capacity + _capacity / 4)
            {
                Unsealed.RemoveRange(0, Unsealed.Count - _capacity);
            }
        }
    }

    /// <summary>The events after <paramref name="seq"/>, at most <paramref name="max"/>, if the log still holds all of them.</summary>
    public bool TryGetAfter(long seq, int max, out IReadOnlyList<ClassEvent> events)
    {
        events = [];
        if (seq >= _state.Seq)
        {
            return seq == _state.Seq;
        }

        if (Oldest is not { } oldest || seq < oldest.Seq - 1)
        {
            return false;
        }

        var start = (int)(seq + 1 - oldest.Seq);
        var count = Math.Min(max, Count - start);
        if (start >= _sealed.Count)
        {
            events = Unsealed.GetRange(start - _sealed.Count, count);
            return true;
        }

        var list = new List<ClassEvent>(count);
        list.AddRange(_sealed.Skip(start).Take(count));
        list.AddRange(Unsealed.Take(count - list.Count));
        events = list;
        return true;
    }

    /// <summary>True once there are enough unsealed events for a segment.</summary>
    public bool HasSegmentToSeal => _segmentSize > 0 && Unsealed.Count >= _segmentSize;

    /// <summary>The oldest unsealed events, once there are enough of them for a segment.</summary>
    public bool TryTakeSegmentToSeal(out LogSegment segment, out IReadOnlyList<ClassEvent> events)
    {
        if (!HasSegmentToSeal)
        {
            segment = null!;
            events = [];
            return false;
        }

        events = Unsealed.GetRange(0, _segmentSize);
        segment = new LogSegment(events[0].Seq, _segmentSize);
        return true;
    }

    /// <summary>
    /// Records that <paramref name="segment"/>'s events are stored: from the next write on, the state
    /// refers to the segment instead of carrying them. If the log moved on meanwhile (its oldest
    /// events were trimmed), the stored copy is not needed and is handed back for deletion.
    /// </summary>
    public void Sealed(LogSegment segment)
    {
        if (Unsealed.Count < segment.Count || Unsealed[0].Seq != segment.FirstSeq || Unsealed[segment.Count - 1].Seq != segment.LastSeq)
        {
            _unreferenced.Add(segment);
            return;
        }

        _sealed.AddRange(Unsealed.GetRange(0, segment.Count));
        Unsealed.RemoveRange(0, segment.Count);
        Segments.Add(segment);
        DropOldSegments();
    }

    /// <summary>
    /// The stored segments the state no longer refers to. Take them just before a write: once that
    /// write has completed, nothing stored points at them and they can be deleted.
    /// </summary>
    public IReadOnlyList<LogSegment> TakeUnreferencedSegments()
    {
        if (_unreferenced.Count == 0)
        {
            return [];
        }

        var taken = _unreferenced.ToArray();
        _unreferenced.Clear();
        return taken;
    }

    /// <summary>Drops whole segments from the front while the rest still holds the capacity.</summary>
    private void DropOldSegments()
    {
        while (Segments.Count > 0 && Count - Segments[0].Count >= _capacity)
        {
            var oldest = Segments[0];
            Segments.RemoveAt(0);
            _sealed.RemoveRange(0, oldest.Count);
            _unreferenced.Add(oldest);
        }
    }

    /// <summary>
    /// Takes the stored segments back in, newest first, for as long as they are whole and join up
    /// with the unsealed events; an older segment past a missing one could not be served and is let go.
    /// </summary>
    private void Restore(IReadOnlyList<IReadOnlyList<ClassEvent>> sealedEvents)
    {
        var next = Unsealed.Count > 0 ? Unsealed[0].Seq : _state.Seq + 1;
        var kept = 0;
        for (var i = Segments.Count - 1; i >= 0; i--)
        {
            var segment = Segments[i];
            var events = i < sealedEvents.Count ? sealedEvents[i] : [];
            if (segment.LastSeq + 1 != next || !IsRun(events, segment))
            {
                break;
            }

            _sealed.InsertRange(0, events);
            next = segment.FirstSeq;
            kept++;
        }

        var lost = Segments.Count - kept;
        _unreferenced.AddRange(Segments.Take(lost));
        Segments.RemoveRange(0, lost);
    }

    private static bool IsRun(IReadOnlyList<ClassEvent> events, LogSegment segment)
    {
        if (events.Count != segment.Count)
        {
            return false;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Seq != segment.FirstSeq + i)
            {
                return false;
            }
        }

        return true;
    }
}
