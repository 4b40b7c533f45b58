using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains.Sessions;
using LiveClass.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

public sealed class GrainStorageLogSegmentTests
{
    private static readonly LogSegment First = new(1, 3);

    private readonly InMemoryGrainStorage _storage = StateCodecs.NewMemoryStorage();

    [Fact]
    public async Task A_stored_segment_is_read_back_and_deleted()
    {
        var segment = Segment(_storage);
        await segment.Store(Events(1, 3));

        Assert.Equal([1L, 2, 3], (await Segment(_storage).Load()).Select(e => e.Seq));

        await segment.Delete();
        Assert.Empty(await Segment(_storage).Load());
        Assert.Equal(0, _storage.Count);
        await segment.Delete();
    }

    [Fact]
    public async Task A_segment_stored_again_after_a_lost_answer_is_written_over_the_stored_version()
    {
        await Segment(_storage).Store(Events(1, 3));

        await Segment(_storage).Store(Events(1, 3));

        Assert.Equal([1L, 2, 3], (await Segment(_storage).Load()).Select(e => e.Seq));
        Assert.Equal(1, _storage.Count);
    }

    [Fact]
    public async Task A_failed_write_of_a_segment_not_stored_before_is_thrown()
    {
        var failing = new FailingWrites(_storage);

        await Assert.ThrowsAsync<IOException>(() => Segment(failing).Store(Events(1, 3)));

        Assert.Empty(await Segment(_storage).Load());
    }

    [Fact]
    public void A_segment_is_keyed_by_its_class_and_first_seq()
    {
        Assert.Equal(GrainId.Create("classlogsegment", "class-1/51"), GrainStorageLogSegment.IdFor("class-1", new LogSegment(51, 50)));
    }

    private static GrainStorageLogSegment Segment(IGrainStorage storage) => new(storage, GrainStorageLogSegment.IdFor("class-1", First));

    private static List<ClassEvent> Events(long from, long to) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(seq => new ClassEvent(seq, 0, ClassEventKind.StepChanged, "instructor", StepIndex: 1))];

    /// <summary>A store whose writes fail, as one that stopped answering does; reads still work.</summary>
    private sealed class FailingWrites(IGrainStorage inner) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new IOException("storage is not answering");

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
