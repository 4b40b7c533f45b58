namespace LiveClass.Bench.Servers;

/// <summary>
/// The runtime settings LiveClass ships with (launchSettings.json, the Dockerfile,
/// deploy/local-cluster.sh). The bench gives them to both servers, so that the ratio compares
/// LiveClass's code with bare SignalR's and not one tuned runtime with a default one.
/// </summary>
public static class ServerRuntime
{
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Each message to a connection holds a 4 KiB block of the shared array pool until its
        // socket has sent it; the default pool keeps 32 per core, and every miss is a new array.
        ["DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION"] = "1024",
        // The servers run pinned to one core, where the runtime waits ten times as long (1 s
        // instead of 100 ms without new methods) before it starts optimizing the code in use.
        ["DOTNET_TC_DelaySingleProcMultiplier"] = "1",
        // An idle worker yields the core a few times before it sleeps, not a few dozen.
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "20",
    };
}
