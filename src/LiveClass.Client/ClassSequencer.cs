using LiveClass.Contracts;

namespace LiveClass.Client;

/// <summary>
/// Puts a class's events in order, as the protocol's first rule asks: event <c>n</c> is applied only
/// after <c>n - 1</c>, what is already applied is dropped, events that arrive before a join or
/// rejoin answer are held until it comes, and a gap stops everything until a rejoin fills it.
/// Not thread-safe: its owner serializes the calls.
/// </summary>
/// <param name="apply">Called with each event, once, in seq order.</param>
public sealed class ClassSequencer(Action<ClassEvent> apply)
{
    private readonly List<ClassEvent> _held = [];

    /// <summary>The seq of the last event applied, or of the snapshot if none since.</summary>
    public long LastSeq { get; private set; }

    /// <summary>True while events are held: before the first answer, during a rejoin and after a gap.</summary>
    public bool IsHolding { get; private set; } = true;

    /// <summary>Events dropped because their seq was already applied.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Gaps seen in the live stream; each one needs a rejoin.</summary>
    public int Gaps { get; private set; }

    /// <summary>Holds live events from now on: call before asking to join or rejoin.</summary>
    public void Hold() => IsHolding = true;

    /// <summary>Takes a live event.</summary>
    public SequenceOutcome Offer(ClassEvent evt)
    {
        if (evt.Seq <= LastSeq)
        {
            Duplicates++;
            return SequenceOutcome.Duplicate;
        }

        if (IsHolding)
        {
            _held.Add(evt);
            return SequenceOutcome.Held;
        }

        if (evt.Seq != LastSeq + 1)
        {
            Gaps++;
            IsHolding = true;
            _held.Add(evt);
            return SequenceOutcome.Gap;
        }

        apply(evt);
        LastSeq = evt.Seq;
        return SequenceOutcome.Applied;
    }

    /// <summary>
    /// Applies a join or rejoin answer: from <paramref name="baseline"/> (a snapshot's seq) when given,
    /// then <paramref name="events"/>, then what was held. <see cref="SequenceOutcome.Gap"/> when a gap
    /// remains, which needs another rejoin; else <see cref="SequenceOutcome.Applied"/>.
    /// </summary>
    public SequenceOutcome Resume(long? baseline, IReadOnlyList<ClassEvent> events)
    {
        if (baseline is { } seq)
        {
            LastSeq = seq;
        }

        var pending = events.Concat(_held.OrderBy(e => e.Seq)).ToList();
        _held.Clear();
        IsHolding = false;
        var gap = false;
        foreach (var evt in pending)
        {
            gap |= Offer(evt) == SequenceOutcome.Gap;
        }

        return gap ? SequenceOutcome.Gap : SequenceOutcome.Applied;
    }
}
