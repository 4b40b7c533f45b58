using LiveClass.Contracts;

namespace LiveClass.Tests.Client;

/// <summary>Rule 1 of docs/protocol.md as the .NET client applies it, event by event.</summary>
public sealed class ClassSequencerTests
{
    private readonly List<long> _applied = [];
    private readonly ClassSequencer _sequencer;

    public ClassSequencerTests() => _sequencer = new ClassSequencer(evt => _applied.Add(evt.Seq));

    [Fact]
    public void Events_before_the_join_answer_are_held_and_what_the_snapshot_has_is_dropped()
    {
        Assert.Equal(SequenceOutcome.Held, _sequencer.Offer(Event(5)));
        Assert.Equal(SequenceOutcome.Held, _sequencer.Offer(Event(7)));
        Assert.Equal(SequenceOutcome.Held, _sequencer.Offer(Event(6)));

        Assert.Equal(SequenceOutcome.Applied, _sequencer.Resume(5, []));

        Assert.Equal([6L, 7], _applied);
        Assert.Equal(1, _sequencer.Duplicates);
        Assert.Equal(7, _sequencer.LastSeq);
        Assert.False(_sequencer.IsHolding);
    }

    [Fact]
    public void Live_events_apply_one_after_the_other_and_repeats_are_dropped()
    {
        _sequencer.Resume(3, []);

        Assert.Equal(SequenceOutcome.Applied, _sequencer.Offer(Event(4)));
        Assert.Equal(SequenceOutcome.Duplicate, _sequencer.Offer(Event(4)));
        Assert.Equal(SequenceOutcome.Duplicate, _sequencer.Offer(Event(2)));
        Assert.Equal(SequenceOutcome.Applied, _sequencer.Offer(Event(5)));

        Assert.Equal([4L, 5], _applied);
        Assert.Equal(2, _sequencer.Duplicates);
        Assert.Equal(0, _sequencer.Gaps);
    }

    [Fact]
    public void A_gap_stops_everything_until_a_rejoin_brings_the_missing_events()
    {
        _sequencer.Resume(3, []);

        Assert.Equal(SequenceOutcome.Gap, _sequencer.Offer(Event(6)));
        Assert.True(_sequencer.IsHolding);
        Assert.Equal(SequenceOutcome.Held, _sequencer.Offer(Event(7)));
        Assert.Empty(_applied);

        // The rejoin from seq 3 answers 4..6; the held 6 and 7 follow, 6 once.
        _sequencer.Hold();
        Assert.Equal(SequenceOutcome.Applied, _sequencer.Resume(3, [Event(4), Event(5), Event(6)]));

        Assert.Equal([4L, 5, 6, 7], _applied);
        Assert.Equal(1, _sequencer.Gaps);
        Assert.Equal(1, _sequencer.Duplicates);
    }

    [Fact]
    public void A_rejoin_answer_that_still_leaves_a_gap_says_so()
    {
        _sequencer.Resume(3, []);
        _sequencer.Hold();

        Assert.Equal(SequenceOutcome.Gap, _sequencer.Resume(3, [Event(4), Event(6)]));

        Assert.Equal([4L], _applied);
        Assert.True(_sequencer.IsHolding);
    }

    [Fact]
    public void A_snapshot_in_a_rejoin_answer_is_the_new_baseline()
    {
        _sequencer.Resume(3, []);
        _sequencer.Offer(Event(4));
        _sequencer.Hold();
        _sequencer.Offer(Event(41));

        Assert.Equal(SequenceOutcome.Applied, _sequencer.Resume(40, []));

        Assert.Equal([4L, 41], _applied);
        Assert.Equal(41, _sequencer.LastSeq);
    }

    private static ClassEvent Event(long seq) => new(seq, 1_000 + seq, ClassEventKind.StepChanged, "instructor", StepIndex: (int)(seq % 10));
}
