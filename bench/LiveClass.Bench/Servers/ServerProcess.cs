using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveClass.Bench.Cli;
using LiveClass.Bench.Measuring;

namespace LiveClass.Bench.Servers;

/// <summary>How to start a server: which build, where it listens, which cores, which extra configuration.</summary>
public sealed record ServerLaunch(
    string RepoRoot,
    string ResultsDir,
    string RunId,
    string? Cpus,
    int ListenAddresses,
    IReadOnlyList<string> ExtraArgs,
    bool Meters,
    bool Allocations = false,
    IReadOnlyList<string>? Environment = null,
    bool RuntimeDefaults = false,
    IReadOnlyList<string>? RuntimeEnvironment = null);

/// <summary>A LiveClass or baseline server the bench started, pinned and probed, and stops again.</summary>
public sealed class ServerProcess(Process process, ServerLog log, IReadOnlyList<string> urls, ProbeReader probe, string commandLine) : IAsyncDisposable
{
    /// <summary>The load generator is one address standing in for every family's, and its people act faster than people do.</summary>
    private static readonly string[] UnlimitedLoad =
    [
        "--Limits:ClassCreationsPerMinute=1000000",
        "--Limits:ClassLookupsPerMinute=1000000",
        "--Limits:JoinsPerMinute=1000000",
        "--Limits:MaxConnectionsPerAddress=1000000",
        "--Limits:HubConnectsPerMinute=1000000",
        "--Limits:ChangesBurst=100000",
        "--Limits:ChangesPerParticipantPerMinute=1000000",
        "--Limits:ChangesPerConnectionPerMinute=1000000",
    ];

    public int Pid => process.Id;
    public IReadOnlyList<string> Urls => urls;
    public ProbeReader Probe => probe;
    public string LogPath => log.Path;
    public string CommandLine => commandLine;

    public static async Task<ServerProcess> StartAsync(TargetKind kind, ServerLaunch launch, CancellationToken cancellationToken)
    {
        var dll = Dll(kind, launch.RepoRoot);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing; build first: dotnet build bench/LiveClass.Bench -c Release -p:SkipWebApp=true");
        }

        var port = FreePort();
        var urls = Enumerable.Range(1, launch.ListenAddresses).Select(i => $"http://127.0.0.{i}:{port}").ToList();
        var logsDir = Path.Combine(launch.ResultsDir, "logs");
        Directory.CreateDirectory(logsDir);
        var stem = Path.Combine(logsDir, $"{launch.RunId}-{(kind == TargetKind.LiveClass ? "liveclass" : "baseline")}");
        var probeOut = stem + ".probe.jsonl";
        File.Delete(probeOut);

        var info = StartInfo(kind, launch, dll, urls, probeOut);
        var commandLine = $"{info.FileName} {string.Join(' ', info.ArgumentList)}" + string.Concat(ExtraEnvironment(kind, launch).Select(v => $" (env {v})"));
        var log = new ServerLog(stem + ".log");
        log.Write($"# {commandLine}");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, log, urls, new ProbeReader(probeOut), commandLine);
        try
        {
            await server.WaitReadyAsync(kind, TimeSpan.FromSeconds(90), cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private static string Dll(TargetKind kind, string repoRoot) => kind == TargetKind.LiveClass
        ? Path.Combine(repoRoot, "src", "LiveClass.Server", "bin", "Release", "net10.0", "LiveClass.Server.dll")
        : Path.Combine(repoRoot, "bench", "LiveClass.Bench.Baseline", "bin", "Release", "net10.0", "LiveClass.Bench.Baseline.dll");

    private static string ProbeDll(string repoRoot) =>
        Path.Combine(repoRoot, "bench", "LiveClass.Bench.Probe", "bin", "Release", "net10.0", "LiveClass.Bench.Probe.dll");

    /// <summary>dotnet (under taskset when pinned) with the server's arguments, and the probe loaded by a startup hook.</summary>
    internal static ProcessStartInfo StartInfo(TargetKind kind, ServerLaunch launch, string dll, List<string> urls, string probeOut)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            FileName = launch.Cpus is null ? "dotnet" : "taskset",
        };
        if (launch.Cpus is not null)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(launch.Cpus);
            info.ArgumentList.Add("dotnet");
        }

        foreach (var name in ClientRuntime.Environment.Keys)
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_STARTUP_HOOKS"] = ProbeDll(launch.RepoRoot);
        foreach (var (name, value) in ServerRuntime.Environment)
        {
            // With the runtime's defaults asked for, not even what this process inherited (launchSettings.json).
            if (launch.RuntimeDefaults)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        foreach (var variable in ExtraEnvironment(kind, launch))
        {
            var equals = variable.IndexOf('=');
            info.Environment[variable[..equals]] = variable[(equals + 1)..];
        }

        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(string.Join(';', urls));
        if (kind == TargetKind.LiveClass)
        {
            // Free silo and gateway ports: other servers may run on this machine.
            info.ArgumentList.Add("--Cluster:SiloPort=0");
            info.ArgumentList.Add("--Cluster:GatewayPort=0");
            foreach (var arg in UnlimitedLoad.Concat(launch.ExtraArgs.Select(a => a.StartsWith("--", StringComparison.Ordinal) ? a : "--" + a)))
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.Environment["LIVECLASS_PROBE_OUT"] = probeOut;
        info.Environment["LIVECLASS_PROBE_METERS"] = launch.Meters ? "1" : "0";
        info.Environment["LIVECLASS_PROBE_ALLOCATIONS"] = launch.Allocations ? "1" : "0";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return info;
    }

    /// <summary>The NAME=VALUE settings asked for on the command line: the runtime's for both servers, then LiveClass's own.</summary>
    private static IEnumerable<string> ExtraEnvironment(TargetKind kind, ServerLaunch launch) =>
        (launch.RuntimeEnvironment ?? []).Concat(kind == TargetKind.LiveClass ? launch.Environment ?? [] : []);

    private async Task WaitReadyAsync(TargetKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the {kind} server exited with {process.ExitCode}; see {LogPath}");
            }

            try
            {
                var ready = true;
                foreach (var url in Urls)
                {
                    using var response = await http.GetAsync($"{url}/readyz", cancellationToken);
                    ready &= response.IsSuccessStatusCode;
                }

                if (ready && Probe.Latest() is not null)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"the {kind} server was not ready within {timeout.TotalSeconds:0} s; see {LogPath}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        log.Close();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
