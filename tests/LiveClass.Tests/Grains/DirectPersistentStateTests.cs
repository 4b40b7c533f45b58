using LiveClass.Domain;
using LiveClass.Grains.Storage;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

public sealed class DirectPersistentStateTests
{
    private static readonly GrainId Class = GrainId.Create("classsession", "class-1");

    private readonly InMemoryGrainStorage _storage = StateCodecs.NewMemoryStorage();

    [Fact]
    public async Task A_written_state_is_read_back_by_the_next_activation_and_cleared()
    {
        var first = Handle();
        await first.ReadStateAsync();
        Assert.False(first.RecordExists);
        first.State.ClassId = "class-1";
        first.State.Seq = 7;
        await first.WriteStateAsync();

        var next = Handle();
        await next.ReadStateAsync();
        Assert.True(next.RecordExists);
        Assert.Equal(first.Etag, next.Etag);
        Assert.Equal(7, next.State.Seq);

        await next.ClearStateAsync();
        Assert.False(next.RecordExists);
        Assert.Equal(0, next.State.Seq);
        Assert.Equal(0, _storage.Count);
    }

    [Fact]
    public async Task A_write_from_a_stale_version_is_refused()
    {
        var first = Handle();
        var second = Handle();
        await first.ReadStateAsync();
        await second.ReadStateAsync();
        await first.WriteStateAsync();

        await Assert.ThrowsAsync<InconsistentStateException>(second.WriteStateAsync);
    }

    [Fact]
    public void A_write_to_storage_that_answers_at_once_completes_at_once()
    {
        // Orleans' own handle yields before every write: a turn of the grain per commit.
        var handle = Handle();

        Assert.True(handle.WriteStateAsync().IsCompletedSuccessfully);
    }

    private DirectPersistentState<ClassSessionState> Handle() => new(_storage, "session", Class);
}
