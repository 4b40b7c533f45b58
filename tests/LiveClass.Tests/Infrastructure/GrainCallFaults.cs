using System.Collections.Concurrent;

namespace LiveClass.Tests.Infrastructure;

/// <summary>
/// A grain call filter for the test server's silo that makes the calls a test names fail as a
/// silo that went away makes them fail, until the test lets them through again. Every other call
/// passes untouched.
/// </summary>
public sealed class GrainCallFaults : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(Type Grain, string Method), int> _failing = new();
    private int _failed;

    /// <summary>How many calls were made to fail.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Fails every call to <paramref name="method"/> of <typeparamref name="TGrain"/> until the result is disposed.</summary>
    public IDisposable Fail<TGrain>(string method) where TGrain : IGrain
    {
        var key = (typeof(TGrain), method);
        _failing.AddOrUpdate(key, 1, (_, count) => count + 1);
        return new Lift(() => _failing.AddOrUpdate(key, 0, (_, count) => count - 1));
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType is { } grain
            && _failing.TryGetValue((grain, context.InterfaceMethod.Name), out var count) && count > 0)
        {
            Interlocked.Increment(ref _failed);
            throw new SiloUnavailableException($"{grain.Name}.{context.InterfaceMethod.Name} failed: the silo went away");
        }

        return context.Invoke();
    }

    private sealed class Lift(Action lift) : IDisposable
    {
        public void Dispose() => lift();
    }
}
