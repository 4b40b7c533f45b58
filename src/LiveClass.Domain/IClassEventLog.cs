using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>The recent events of a class, contiguous and in seq order, however they are kept.</summary>
public interface IClassEventLog
{
    void Append(ClassEvent evt);

    /// <summary>The events after <paramref name="seq"/>, at most <paramref name="max"/>, if the log still holds all of them.</summary>
    bool TryGetAfter(long seq, int max, out IReadOnlyList<ClassEvent> events);
}
