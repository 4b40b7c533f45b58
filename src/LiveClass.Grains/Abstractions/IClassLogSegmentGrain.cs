using LiveClass.Contracts;

namespace LiveClass.Grains;

/// <summary>
/// One sealed segment of a class's event log, keyed by <c>{classId}/{firstSeq}</c>: written once,
/// read back when the class activates, deleted when the class no longer keeps it.
/// </summary>
public interface IClassLogSegmentGrain : IGrainWithStringKey
{
    Task Store(IReadOnlyList<ClassEvent> events);

    /// <summary>The stored events; none when the segment was never stored or has been deleted.</summary>
    Task<IReadOnlyList<ClassEvent>> Load();

    Task Delete();
}
