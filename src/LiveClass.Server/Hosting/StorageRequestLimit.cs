using Azure.Core;
using Azure.Core.Pipeline;

namespace LiveClass.Server.Hosting;

/// <summary>
/// Bounds how many requests a silo's grain storage has at the storage service at once; the rest
/// wait their turn in the silo. A store that falls behind then works through a short queue, so a
/// request is answered before its network timeout instead of timing out and being sent again on
/// top of the work already queued, which keeps a store that is behind from falling further behind.
/// Each attempt of a request takes a slot, a retry included; the wait for one does not count
/// towards the attempt's network timeout.
/// </summary>
internal sealed class StorageRequestLimit(int maxConcurrentRequests) : HttpPipelinePolicy
{
    private readonly SemaphoreSlim _slots = new(maxConcurrentRequests, maxConcurrentRequests);
    private int _waiting;

    /// <summary>Requests at the storage service now.</summary>
    public int Active => maxConcurrentRequests - _slots.CurrentCount;

    /// <summary>Requests waiting in the silo for their turn.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!_slots.Wait(0))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync(message.CancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!_slots.Wait(0))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                _slots.Wait(message.CancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            _slots.Release();
        }
    }
}
