using LiveClass.Contracts;

namespace LiveClass.Grains.Sessions;

/// <summary>One sealed segment of a class's event log as stored: written once, read back when its class activates, deleted when the class no longer keeps it.</summary>
public interface IStoredLogSegment
{
    Task Store(IReadOnlyList<ClassEvent> events);

    /// <summary>The stored events; none when the segment was never stored or has been deleted.</summary>
    Task<IReadOnlyList<ClassEvent>> Load();

    Task Delete();
}
