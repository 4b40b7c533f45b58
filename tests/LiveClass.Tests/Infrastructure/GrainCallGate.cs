using System.Collections.Concurrent;

namespace LiveClass.Tests.Infrastructure;

/// <summary>
/// A grain call filter for the test server's silo that holds back the answer of the calls a test
/// names: the call runs and its answer waits until the test lets it go, as an answer slow on its
/// way back would. A reentrant grain takes other calls meanwhile. Every other call passes untouched.
/// </summary>
public sealed class GrainCallGate : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(Type Grain, string Method), Hold> _holds = new();

    /// <summary>Holds the answers of <paramref name="method"/> of <typeparamref name="TGrain"/> until the hold is released or disposed.</summary>
    public Hold HoldAnswers<TGrain>(string method) where TGrain : IGrain
    {
        var key = (typeof(TGrain), method);
        var hold = new Hold(() => _holds.TryRemove(key, out _));
        _holds[key] = hold;
        return hold;
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod.DeclaringType is { } grain && _holds.TryGetValue((grain, context.InterfaceMethod.Name), out var hold))
        {
            await hold.WaitAsync();
        }
    }

    public sealed class Hold(Action remove) : IDisposable
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once a held call has run and waits with its answer.</summary>
        public Task Reached => _reached.Task.WaitAsync(TimeSpan.FromSeconds(10));

        public void Release()
        {
            remove();
            _released.TrySetResult();
        }

        public void Dispose() => Release();

        internal Task WaitAsync()
        {
            _reached.TrySetResult();
            return _released.Task;
        }
    }
}
