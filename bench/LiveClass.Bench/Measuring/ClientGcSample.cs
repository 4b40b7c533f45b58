using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Measuring;

/// <summary>The bench process's own collection counts and total pause time at one moment.</summary>
public readonly record struct ClientGcSample(int Gen0, int Gen1, int Gen2, TimeSpan Pause)
{
    public static ClientGcSample Take() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public ClientGc Since(ClientGcSample before, double seconds)
    {
        var pauseMs = (Pause - before.Pause).TotalMilliseconds;
        return new ClientGc(Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2, Math.Round(pauseMs, 1),
            Math.Round(pauseMs / 10 / Math.Max(0.001, seconds), 2));
    }
}
