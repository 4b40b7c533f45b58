namespace LiveClass.Bench.Cli;

/// <summary>
/// The runtime settings of the measuring client alone (the pinned run of the bench), never
/// passed on to the servers it starts. The client receives every event of thousands of
/// connections on one core, and latency is taken on receipt: each of its collections pauses
/// every connection at once and adds to both servers' tails.
/// </summary>
public static class ClientRuntime
{
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // A 128 MiB allocation budget between gen-0 collections: about 12 a minute under s2's
        // load instead of 95, each about as long, since what survives one is about the same.
        ["DOTNET_GCgen0size"] = "0x8000000",
        // Pinned to one core, the client would wait ten times as long as the servers before it
        // optimizes its hot paths (ServerRuntime).
        ["DOTNET_TC_DelaySingleProcMultiplier"] = "1",
    };
}
