/// <summary>
/// Entry point the runtime calls before the host's Main when this assembly is named in
/// DOTNET_STARTUP_HOOKS. Everything is driven by environment variables so the server's own
/// command line and configuration stay exactly as in production:
/// <list type="bullet">
/// <item>LIVECLASS_PROBE_OUT: file that receives one JSON line per sample (required, else the hook does nothing).</item>
/// <item>LIVECLASS_PROBE_PERIOD_MS: sampling period, 500 by default.</item>
/// <item>LIVECLASS_PROBE_METERS=1: also aggregate every System.Diagnostics.Metrics instrument whose meter starts with "Microsoft.Orleans" or "Microsoft.AspNetCore" (costs a little).</item>
/// <item>LIVECLASS_PROBE_ALLOCATIONS=1: also sample allocations by type from the runtime's AllocationTick events (one per ~100 KB allocated).</item>
/// </list>
/// Writing the file "&lt;out&gt;.gc" asks for a blocking compacting full GC; the next line has "forcedGc": true.
/// If the file says "aggressive", the GC also gives every free page back to the operating system.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var output = Environment.GetEnvironmentVariable("LIVECLASS_PROBE_OUT");
        if (string.IsNullOrEmpty(output))
        {
            return;
        }

        var period = int.TryParse(Environment.GetEnvironmentVariable("LIVECLASS_PROBE_PERIOD_MS"), out var ms) && ms > 0 ? ms : 500;
        var meters = Environment.GetEnvironmentVariable("LIVECLASS_PROBE_METERS") == "1";
        var allocations = Environment.GetEnvironmentVariable("LIVECLASS_PROBE_ALLOCATIONS") == "1";
        var probe = new LiveClass.Bench.Probe.RuntimeProbe(output, period, meters, allocations);
        var thread = new Thread(probe.Run) { IsBackground = true, Name = "LiveClass bench probe" };
        thread.Start();
    }
}
