using LiveClass.Contracts;
using LiveClass.Domain;
using Orleans.Storage;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// One log segment written by its class grain straight through the classes' grain storage, as the
/// same record that <see cref="ClassLogSegmentGrain"/> stores: no activation, directory entry or
/// message per segment, and on a cluster no call to another silo.
/// </summary>
public sealed class GrainStorageLogSegment(IGrainStorage storage, GrainId id) : IStoredLogSegment
{
    /// <summary>The grain type and state name of <see cref="ClassLogSegmentGrain"/>, which name the stored record.</summary>
    public const string GrainTypeName = "classlogsegment";
    public const string StateName = "segment";

    public static GrainId IdFor(string classId, LogSegment segment) => GrainId.Create(GrainTypeName, LogSegmentKey.For(classId, segment));

    public async Task Store(IReadOnlyList<ClassEvent> events)
    {
        var record = new GrainState<ClassLogSegmentState>(new ClassLogSegmentState { Events = [.. events] });
        try
        {
            await storage.WriteStateAsync(StateName, id, record);
            return;
        }
        catch (Exception)
        {
            // Stored before, by a write whose answer was lost or whose state write failed after it,
            // when a record is there: the same events again, over the version that is there.
            var stored = await ReadAsync();
            if (!stored.RecordExists)
            {
                throw;
            }

            record.ETag = stored.ETag;
        }

        await storage.WriteStateAsync(StateName, id, record);
    }

    public async Task<IReadOnlyList<ClassEvent>> Load() => (await ReadAsync()).State?.Events ?? [];

    public async Task Delete()
    {
        var stored = await ReadAsync();
        if (stored.RecordExists)
        {
            await storage.ClearStateAsync(StateName, id, stored);
        }
    }

    private async Task<GrainState<ClassLogSegmentState>> ReadAsync()
    {
        var stored = new GrainState<ClassLogSegmentState>();
        await storage.ReadStateAsync(StateName, id, stored);
        return stored;
    }
}
