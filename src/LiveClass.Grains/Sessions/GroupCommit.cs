namespace LiveClass.Grains.Sessions;

/// <summary>
/// Coalesces state writes in a reentrant grain: changes made while a write is in flight are
/// written together by the next one, and every caller is answered only once a write that
/// includes its change has completed.
/// </summary>
internal sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    public Task CommitAsync()
    {
        if (_writing)
        {
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _next.Task;
        }

        // Nothing in flight: this caller's write starts now and the caller awaits it itself. One that
        // completes at once, as a write behind memory storage does, needs no waiter at all.
        _writing = true;
        Task written;
        try
        {
            written = write();
        }
        catch (Exception exception)
        {
            written = Task.FromException(exception);
        }

        if (written.IsCompleted && _next is null)
        {
            _writing = false;
            return written;
        }

        _ = WriteNextAsync(written);
        return written;
    }

    /// <summary>After the write in flight, writes together whatever was committed meanwhile, until nothing more waits.</summary>
    private async Task WriteNextAsync(Task inFlight)
    {
        try
        {
            try
            {
                await inFlight;
            }
            catch
            {
                // Its caller sees the failure; the changes made meanwhile get a write of their own.
            }

            while (_next is { } batch)
            {
                _next = null;
                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception exception)
                {
                    batch.SetException(exception);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
