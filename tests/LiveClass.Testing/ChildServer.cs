using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveClass.Testing;

/// <summary>
/// A server the tests start as a real child process on free loopback ports, with its data and its
/// output log in a folder of its own, so that it can be stopped and started again on the same data.
/// </summary>
/// <param name="name">The command's name, for messages and the log file.</param>
/// <param name="dataDir">The folder for the server's data and log.</param>
public abstract class ChildServer(string name, string dataDir) : IClusterStore
{
    private Process? _process;

    /// <summary>The folder for the server's data and log.</summary>
    protected string DataDir { get; } = dataDir;

    /// <summary>Where the server's output goes.</summary>
    public string LogPath => Path.Combine(DataDir, name + ".log");

    public abstract IReadOnlyDictionary<string, string> SiloSettings { get; }

    /// <summary>How long the server may take to be ready.</summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromSeconds(20);

    public async Task StartAsync()
    {
        Directory.CreateDirectory(DataDir);
        var start = new ProcessStartInfo(FindCommand())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in Arguments())
        {
            start.ArgumentList.Add(arg);
        }

        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        ProcessLog.Capture(_process, log);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await IsReadyAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{name} was not ready within {StartTimeout.TotalSeconds} s; see {LogPath}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A graceful stop (SIGTERM): the server saves its data and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await Signals.StopAsync(process, TimeSpan.FromSeconds(20));
            process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The command to run; the tests fail, never skip, when it is missing.</summary>
    protected abstract string FindCommand();

    protected abstract IEnumerable<string> Arguments();

    /// <summary>Whether the server answers yet.</summary>
    protected abstract Task<bool> IsReadyAsync();

    /// <summary>Whether something accepts connections on the loopback <paramref name="port"/>.</summary>
    protected static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception exception) when (exception is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
