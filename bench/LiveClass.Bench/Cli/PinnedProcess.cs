using System.ComponentModel;
using System.Diagnostics;

namespace LiveClass.Bench.Cli;

/// <summary>Client and server each get a core of their own: the bench runs itself again under taskset, once.</summary>
public static class PinnedProcess
{
    private const string Marker = "LIVECLASS_BENCH_PINNED";

    public static bool IsPinned => Environment.GetEnvironmentVariable(Marker) == "1";

    public static bool CanPin(BenchOptions options) => options.Pin && OperatingSystem.IsLinux() && Environment.ProcessorCount >= 2 || IsPinned;

    /// <summary>The pinned child's exit code, or null when taskset is not there and this process runs unpinned.</summary>
    public static int? Run(BenchOptions options, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("taskset") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(options.ClientCpus);
        info.ArgumentList.Add(Environment.ProcessPath!);
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(typeof(BenchOptions).Assembly.Location);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[Marker] = "1";
        foreach (var (name, value) in ClientRuntime.Environment)
        {
            info.Environment[name] = value;
        }

        try
        {
            using var child = Process.Start(info)!;
            // Ctrl+C reaches the child too (same process group); let it clean up its servers.
            Console.CancelKeyPress += (_, e) => e.Cancel = true;
            child.WaitForExit();
            return child.ExitCode;
        }
        catch (Win32Exception)
        {
            Console.WriteLine("taskset is not available: client and servers are not pinned");
            return null;
        }
    }
}
