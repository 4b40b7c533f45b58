using System.Collections.Concurrent;
using LiveClass.Contracts;
using LiveClass.Domain.Routines;

namespace LiveClass.Bench.Baseline;

/// <summary>
/// The baseline's only shared data: per group, a seq counter and a gate that keeps sends in seq
/// order (as LiveClass's silo bridge does), plus the title and routine so that joins and step
/// events carry the same payload sizes as LiveClass's.
/// </summary>
public sealed class RelayGroups
{
    private readonly ConcurrentDictionary<string, RelayGroup> _groups = new(StringComparer.Ordinal);
    private int _next;

    public RelayGroup Create(string title, string instructorName)
    {
        var group = new RelayGroup($"baseline-{Interlocked.Increment(ref _next)}", title, instructorName, RoutineCatalog.FullBody);
        _groups[group.Id] = group;
        return group;
    }

    /// <summary>Any unknown id becomes a group on first use, so the baseline needs no setup call.</summary>
    public RelayGroup Get(string id) =>
        _groups.GetOrAdd(id, static key => new RelayGroup(key, "Baseline class", "Instructor", RoutineCatalog.FullBody));
}

public sealed class RelayGroup(string id, string title, string instructorName, Routine routine)
{
    private long _seq;

    public string Id { get; } = id;
    public string Title { get; } = title;
    public string InstructorName { get; } = instructorName;
    public Routine Routine { get; } = routine;
    public SemaphoreSlim SendGate { get; } = new(1, 1);

    public long Seq => Interlocked.Read(ref _seq);

    /// <summary>Only called while holding <see cref="SendGate"/>.</summary>
    public long NextSeq() => Interlocked.Increment(ref _seq);

    public ClassSnapshot Snapshot(long seq) => new(
        Id, Title, InstructorName, ClassStatus.Live, Routine, 0, null, null, [], [], seq,
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Id);
}
