using LiveClass.Grains.Sessions;

namespace LiveClass.Tests.Grains;

/// <summary>
/// A class's commits: each caller is answered once a write that includes its change is done, the
/// changes made during a write go together in the next one, and a write that completes at once
/// (memory storage, written behind) answers its caller at once.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_write_that_completes_at_once_answers_at_once_and_leaves_nothing_in_flight()
    {
        var writes = 0;
        var commit = new GroupCommit(() =>
        {
            writes++;
            return Task.CompletedTask;
        });

        var first = commit.CommitAsync();
        var second = commit.CommitAsync();

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        await Task.WhenAll(first, second);
        Assert.Equal(2, writes);
    }

    [Fact]
    public void A_commit_written_at_once_allocates_nothing()
    {
        var commit = new GroupCommit(() => Task.CompletedTask);
        commit.CommitAsync();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            commit.CommitAsync();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task Commits_made_during_a_write_go_together_in_the_next_and_are_answered_after_it()
    {
        var (commit, pending) = CommitWithHeldWrites();

        var first = commit.CommitAsync();
        var second = commit.CommitAsync();
        var third = commit.CommitAsync();
        Assert.Single(pending);
        Assert.Same(second, third);

        pending.Dequeue().SetResult();
        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        Assert.Single(pending);

        pending.Dequeue().SetResult();
        Assert.True(second.IsCompletedSuccessfully);
        Assert.Empty(pending);

        // With nothing in flight any more, the next commit starts a write of its own at once.
        var fourth = commit.CommitAsync();
        Assert.Single(pending);
        pending.Dequeue().SetResult();
        await fourth;
    }

    [Fact]
    public async Task A_failed_write_fails_only_its_own_callers_and_the_changes_made_meanwhile_are_written_next()
    {
        var (commit, pending) = CommitWithHeldWrites();

        var first = commit.CommitAsync();
        var second = commit.CommitAsync();
        pending.Dequeue().SetException(new IOException("store went away"));

        var failure = await Assert.ThrowsAsync<IOException>(() => first);
        Assert.Equal("store went away", failure.Message);
        Assert.Single(pending);
        Assert.False(second.IsCompleted);

        pending.Dequeue().SetException(new TimeoutException("still away"));
        await Assert.ThrowsAsync<TimeoutException>(() => second);

        var third = commit.CommitAsync();
        Assert.Single(pending);
        pending.Dequeue().SetResult();
        await third;
    }

    [Fact]
    public async Task A_write_that_fails_at_once_fails_its_caller_and_the_next_commit_writes_again()
    {
        var fail = true;
        var commit = new GroupCommit(() => fail ? Task.FromException(new IOException("refused")) : Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(() => commit.CommitAsync());

        fail = false;
        Assert.True(commit.CommitAsync().IsCompletedSuccessfully);
    }

    /// <summary>A commit whose writes wait until the test completes them, one by one, from the returned queue.</summary>
    private static (GroupCommit Commit, Queue<TaskCompletionSource> Pending) CommitWithHeldWrites()
    {
        var pending = new Queue<TaskCompletionSource>();
        var commit = new GroupCommit(() =>
        {
            // Continuations run inline, as within the grain's one thread: each completion lets the
            // commit go on to its next write before the test looks again.
            var write = new TaskCompletionSource();
            pending.Enqueue(write);
            return write.Task;
        });
        return (commit, pending);
    }
}
