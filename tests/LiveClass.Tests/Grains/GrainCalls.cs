using System.Collections.Concurrent;

namespace LiveClass.Tests.Grains;

/// <summary>How many calls each grain interface of the test silo has received, counted by an incoming call filter.</summary>
public sealed class GrainCalls
{
    private readonly ConcurrentDictionary<Type, int> _counts = new();

    public int To<TGrainInterface>() => _counts.GetValueOrDefault(typeof(TGrainInterface));

    public Task Count(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType is { } grainInterface)
        {
            _counts.AddOrUpdate(grainInterface, 1, (_, count) => count + 1);
        }

        return context.Invoke();
    }
}
