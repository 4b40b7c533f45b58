using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
    IReadOnlyList<string>? Experiments = null,
    IReadOnlyList<string>? Environment = null);

/// <summary>A LiveClass or baseline server the bench started, pinned and probed, and stops again.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LogFile _log;

    private ServerProcess(Process process, LogFile log, string logPath, IReadOnlyList<string> urls, ProbeReader probe, string commandLine)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        Urls = urls;
        Probe = probe;
        CommandLine = commandLine;
    }

    public int Pid => _process.Id;
    public IReadOnlyList<string> Urls { get; }
    public ProbeReader Probe { get; }
    public string LogPath { get; }
    public string CommandLine { get; }

    public static string LiveClassDll(string repoRoot) =>
        Path.Combine(repoRoot, "src", "LiveClass.Server", "bin", "Release", "net10.0", "LiveClass.Server.dll");

    public static string BaselineDll(string repoRoot) =>
        Path.Combine(repoRoot, "bench", "LiveClass.Bench.Baseline", "bin", "Release", "net10.0", "LiveClass.Bench.Baseline.dll");

    public static string ExperimentsDll(string repoRoot) =>
        Path.Combine(repoRoot, "bench", "LiveClass.Bench.Experiments", "bin", "Release", "net10.0", "LiveClass.Bench.Experiments.dll");

    public static string ProbeDll(string repoRoot) =>
        Path.Combine(repoRoot, "bench", "LiveClass.Bench.Probe", "bin", "Release", "net10.0", "LiveClass.Bench.Probe.dll");

    public static async Task<ServerProcess> StartAsync(TargetKind kind, ServerLaunch launch, CancellationToken cancellationToken)
    {
        var dll = kind == TargetKind.LiveClass ? LiveClassDll(launch.RepoRoot) : BaselineDll(launch.RepoRoot);
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

        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        if (launch.Cpus is not null)
        {
            info.FileName = "taskset";
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(launch.Cpus);
            info.ArgumentList.Add("dotnet");
        }
        else
        {
            info.FileName = "dotnet";
        }

        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(string.Join(';', urls));
        if (kind == TargetKind.LiveClass)
        {
            // Free silo and gateway ports: other servers may run on this machine.
            info.ArgumentList.Add("--Cluster:SiloPort=0");
            info.ArgumentList.Add("--Cluster:GatewayPort=0");
            // The load generator is one address standing in for every family's.
            info.ArgumentList.Add("--Limits:ClassCreationsPerMinute=1000000");
            info.ArgumentList.Add("--Limits:ClassLookupsPerMinute=1000000");
            info.ArgumentList.Add("--Limits:JoinsPerMinute=1000000");
            // The scenarios' instructors and families act faster than people do.
            info.ArgumentList.Add("--Limits:ChangesBurst=100000");
            info.ArgumentList.Add("--Limits:ChangesPerParticipantPerMinute=1000000");
            info.ArgumentList.Add("--Limits:ChangesPerConnectionPerMinute=1000000");
            foreach (var extra in launch.ExtraArgs)
            {
                info.ArgumentList.Add(extra.StartsWith("--", StringComparison.Ordinal) ? extra : "--" + extra);
            }
        }

        info.Environment["DOTNET_STARTUP_HOOKS"] = ProbeDll(launch.RepoRoot);
        foreach (var variable in kind == TargetKind.LiveClass ? launch.Environment ?? [] : [])
        {
            var equals = variable.IndexOf('=');
            info.Environment[variable[..equals]] = variable[(equals + 1)..];
        }

        if (kind == TargetKind.LiveClass && launch.Experiments is { Count: > 0 } experiments)
        {
            // Profiling only: swaps services in the server without changing it (see LiveClass.Bench.Experiments).
            info.Environment["DOTNET_STARTUP_HOOKS"] += Path.PathSeparator + ExperimentsDll(launch.RepoRoot);
            info.Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = "LiveClass.Bench.Experiments";
            info.Environment["LIVECLASS_EXPERIMENTS"] = string.Join(',', experiments);
        }

        info.Environment["LIVECLASS_PROBE_OUT"] = probeOut;
        info.Environment["LIVECLASS_PROBE_METERS"] = launch.Meters ? "1" : "0";
        info.Environment["LIVECLASS_PROBE_ALLOCATIONS"] = launch.Allocations ? "1" : "0";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var commandLine = $"{info.FileName} {string.Join(' ', info.ArgumentList)}"
            + (info.Environment.TryGetValue("LIVECLASS_EXPERIMENTS", out var named) ? $" (experiments: {named})" : "")
            + string.Concat((kind == TargetKind.LiveClass ? launch.Environment ?? [] : []).Select(v => $" (env {v})"));
        var logPath = stem + ".log";
        var log = new LogFile(logPath);
        log.Write($"# {commandLine}");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, log, logPath, urls, new ProbeReader(probeOut), commandLine);
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

    private async Task WaitReadyAsync(TargetKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the {kind} server exited with {_process.ExitCode}; see {LogPath}");
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _log.Close();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server's console output; lines that arrive after the close are dropped.</summary>
    private sealed class LogFile(string path)
    {
        private readonly Lock _lock = new();
        private readonly StreamWriter _writer = new(path) { AutoFlush = true };
        private bool _closed;

        public void Write(string? line)
        {
            lock (_lock)
            {
                if (line is not null && !_closed)
                {
                    _writer.WriteLine(line);
                }
            }
        }

        public void Close()
        {
            lock (_lock)
            {
                _closed = true;
                _writer.Dispose();
            }
        }
    }
}
