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
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = _next.Task;
        if (!_writing)
        {
            _ = WriteLoopAsync();
        }

        return committed;
    }

    private async Task WriteLoopAsync()
    {
        _writing = true;
        try
        {
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
