using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains.Sessions;

namespace LiveClass.Tests.Grains;

public sealed class ClassEventLogTests
{
    private const int Capacity = 1000;
    private const int SegmentSize = 100;

    [Fact]
    public void Nothing_is_sealed_until_a_whole_segment_of_events_is_there()
    {
        var (state, log) = NewLog();
        Append(state, log, SegmentSize - 1);

        Assert.False(log.TryTakeSegmentToSeal(out _, out _));

        Append(state, log, 1);
        Assert.True(log.TryTakeSegmentToSeal(out var segment, out var events));
        Assert.Equal(new LogSegment(1, SegmentSize), segment);
        Assert.Equal(Seqs(1, SegmentSize), events.Select(e => e.Seq));
    }

    [Fact]
    public void A_sealed_segment_leaves_the_state_but_its_events_are_still_served()
    {
        var (state, log) = NewLog();
        Append(state, log, 250);

        SealAll(log);

        Assert.Equal([new LogSegment(1, 100), new LogSegment(101, 100)], state.LogSegments);
        Assert.Equal(Seqs(201, 50), state.Log.Select(e => e.Seq));
        Assert.True(log.TryGetAfter(0, 1000, out var all));
        Assert.Equal(Seqs(1, 250), all.Select(e => e.Seq));
        Assert.True(log.TryGetAfter(150, 1000, out var across));
        Assert.Equal(Seqs(151, 100), across.Select(e => e.Seq));
        Assert.True(log.TryGetAfter(95, 10, out var firstTen));
        Assert.Equal(Seqs(96, 10), firstTen.Select(e => e.Seq));
        Assert.True(log.TryGetAfter(state.Seq, 10, out var none));
        Assert.Empty(none);
    }

    [Fact]
    public void A_long_class_writes_a_short_tail_and_still_keeps_the_last_1000_events()
    {
        var (state, log) = NewLog();
        var deleted = new List<LogSegment>();

        for (var i = 0; i < 60; i++)
        {
            Append(state, log, 50);
            SealAll(log);
            deleted.AddRange(log.TakeUnreferencedSegments());
            Assert.InRange(state.Log.Count, 0, SegmentSize - 1);
        }

        Assert.Equal(3000, state.Seq);
        Assert.True(log.TryGetAfter(state.Seq - Capacity, Capacity, out var kept));
        Assert.Equal(Seqs(state.Seq - Capacity + 1, Capacity), kept.Select(e => e.Seq));
        Assert.False(log.TryGetAfter(state.Seq - Capacity - SegmentSize - 1, 5000, out _));

        // Every segment ever sealed is either still referenced or was handed back for deletion, once.
        var sealedFirstSeqs = state.LogSegments.Concat(deleted).Select(s => s.FirstSeq).Order();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => 1L + i * SegmentSize), sealedFirstSeqs);
        Assert.Equal(state.LogSegments[^1].LastSeq + 1, state.Log.Count > 0 ? state.Log[0].Seq : state.Seq + 1);
    }

    [Fact]
    public void A_reloaded_log_serves_the_same_events_from_its_stored_segments()
    {
        var (state, stored) = SealedLog(475);

        var reloaded = new ClassEventLog(state, Capacity, SegmentSize, state.LogSegments.Select(s => stored[s.FirstSeq]).ToList());

        Assert.True(reloaded.TryGetAfter(0, 1000, out var events));
        Assert.Equal(Seqs(1, 475), events.Select(e => e.Seq));
        Assert.Empty(reloaded.TakeUnreferencedSegments());
    }

    [Fact]
    public void A_missing_segment_lets_go_of_it_and_everything_older_and_rejoin_falls_back()
    {
        var (state, stored) = SealedLog(450);
        var segments = state.LogSegments.ToList();
        var loaded = segments.Select(s => s.FirstSeq == 201 ? [] : stored[s.FirstSeq]).ToList();

        var reloaded = new ClassEventLog(state, Capacity, SegmentSize, loaded);

        Assert.Equal([new LogSegment(301, 100)], state.LogSegments);
        Assert.Equal(segments.Take(3), reloaded.TakeUnreferencedSegments());
        Assert.True(reloaded.TryGetAfter(300, 1000, out var events));
        Assert.Equal(Seqs(301, 150), events.Select(e => e.Seq));
        Assert.False(reloaded.TryGetAfter(299, 1000, out _));
    }

    [Fact]
    public void A_state_written_before_segments_existed_is_sealed_on_its_next_write()
    {
        // Version 2 and earlier kept every event in the state itself.
        var state = new ClassSessionState { Version = 2 };
        var unsegmented = new ClassEventLog(state, Capacity, segmentSize: 0);
        Append(state, unsegmented, 1200);
        Assert.Empty(state.LogSegments);

        var log = new ClassEventLog(state, Capacity, SegmentSize);
        SealAll(log);

        Assert.Equal(12, state.LogSegments.Count + log.TakeUnreferencedSegments().Count);
        Assert.Empty(state.Log);
        Assert.True(log.TryGetAfter(state.Seq - Capacity, Capacity, out var events));
        Assert.Equal(Seqs(state.Seq - Capacity + 1, Capacity), events.Select(e => e.Seq));
    }

    [Fact]
    public void A_segment_overtaken_by_trimming_is_not_referenced_and_is_handed_back()
    {
        var (state, log) = NewLog(capacity: 100, segmentSize: 50);
        Append(state, log, 60);
        Assert.True(log.TryTakeSegmentToSeal(out var segment, out _));

        // While the segment was being stored, enough events came in to trim the oldest away.
        Append(state, log, 80);
        log.Sealed(segment);

        Assert.Empty(state.LogSegments);
        Assert.Equal([segment], log.TakeUnreferencedSegments());
        Assert.Equal(Seqs(27, 114), state.Log.Select(e => e.Seq));
    }

    private static (ClassSessionState State, ClassEventLog Log) NewLog(int capacity = Capacity, int segmentSize = SegmentSize)
    {
        var state = new ClassSessionState();
        return (state, new ClassEventLog(state, capacity, segmentSize));
    }

    /// <summary>A state with <paramref name="count"/> events whose whole segments are sealed, and those segments' events by first seq.</summary>
    private static (ClassSessionState State, Dictionary<long, IReadOnlyList<ClassEvent>> Stored) SealedLog(int count)
    {
        var (state, log) = NewLog();
        var stored = new Dictionary<long, IReadOnlyList<ClassEvent>>();
        Append(state, log, count);
        SealAll(log, stored);
        return (state, stored);
    }

    private static void Append(ClassSessionState state, ClassEventLog log, int count)
    {
        for (var i = 0; i < count; i++)
        {
            state.Seq++;
            log.Append(new ClassEvent(state.Seq, state.Seq * 10, ClassEventKind.TempoChanged, "instructor", Tempo: new Tempo(20, state.Seq * 10)));
        }
    }

    private static void SealAll(ClassEventLog log, Dictionary<long, IReadOnlyList<ClassEvent>>? stored = null)
    {
        while (log.TryTakeSegmentToSeal(out var segment, out var events))
        {
            stored?.Add(segment.FirstSeq, events.ToList());
            log.Sealed(segment);
        }
    }

    private static IEnumerable<long> Seqs(long first, int count) => Enumerable.Range(0, count).Select(i => first + i);
}
