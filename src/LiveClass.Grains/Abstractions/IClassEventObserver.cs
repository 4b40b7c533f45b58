using LiveClass.Contracts;

namespace LiveClass.Grains;

/// <summary>A silo's bridge to its SignalR connections: receives a class's events in seq order.</summary>
public interface IClassEventObserver : IGrainObserver
{
    Task OnEvents(string classId, IReadOnlyList<ClassEvent> events);
}
