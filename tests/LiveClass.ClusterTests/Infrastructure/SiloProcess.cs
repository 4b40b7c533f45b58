using System.Diagnostics;
using System.Reflection;

namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>One LiveClass server (silo, hub, HTTP API) as a real process running the built server dll.</summary>
internal sealed class SiloProcess(int number, int httpPort, IReadOnlyDictionary<string, string> environment, string logPath) : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Process? _process;

    public int Number { get; } = number;

    public string Url { get; } = $"http://127.0.0.1:{httpPort}";

    public string LogPath { get; } = logPath;

    public bool IsRunning => _process is { HasExited: false };

    public static string ServerDll
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("LIVECLASS_SERVER_DLL")
                ?? typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                    .Single(a => a.Key == "LiveClassServerDll").Value!;
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"The server is not built at {path}; build the solution first.");
        }
    }

    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"Silo {Number} is already running.");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ServerDll)!,
        };
        start.ArgumentList.Add(ServerDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        log.WriteLine($"---- silo {Number} starting at {DateTime.UtcNow:O}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Silo {Number} did not start.");
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        ProcessLog.Capture(process, log);
        _process?.Dispose();
        _process = process;
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"Silo {Number} exited while starting; see {LogPath}");
            }

            try
            {
                using var response = await Http.GetAsync($"{Url}/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Silo {Number} was not ready within {timeout}; see {LogPath}");
    }

    /// <summary>kill -9: the process ends at once, its connections drop, nothing is cleaned up.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>SIGTERM: the graceful shutdown path. Returns false when it had to be killed after the timeout.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout) =>
        _process is null || await Signals.StopAsync(_process, timeout);

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
        _process?.Dispose();
    }
}
