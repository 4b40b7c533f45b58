using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>
/// Azurite, Microsoft's Azure Storage emulator (npm package installed in tools/azurite), on free
/// loopback ports with its data in a folder of its own, so that it can be stopped and started
/// again on the same data. Never a cloud account.
/// </summary>
internal sealed class AzuriteServer(string dataDir, int blobPort, int queuePort, int tablePort) : IClusterStore
{
    /// <summary>Azurite's one account and its key, published in Azurite's documentation; it opens nothing else.</summary>
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevAccount};QueueEndpoint=http://127.0.0.1:{queuePort}/{DevAccount};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevAccount};";

    public IReadOnlyDictionary<string, string> SiloSettings => new Dictionary<string, string>
    {
        ["Cluster__Clustering"] = "AzureStorage",
        ["Cluster__Storage"] = "AzureStorage",
        ["Cluster__AzureStorage__ConnectionString"] = ConnectionString,
    };

    public static async Task<AzuriteServer> StartAsync(string dataDir)
    {
        var ports = FreePorts.Take(3);
        var server = new AzuriteServer(dataDir, ports[0], ports[1], ports[2]);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        Directory.CreateDirectory(dataDir);
        var start = new ProcessStartInfo(FindAzurite())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--location", dataDir, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var log = new StreamWriter(Path.Combine(dataDir, "azurite.log"), append: true) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("azurite did not start");
        ProcessLog.Capture(_process, log);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await AcceptsAsync(blobPort) && await AcceptsAsync(tablePort)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"azurite did not listen on ports {blobPort} and {tablePort}; see {Path.Combine(dataDir, "azurite.log")}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A graceful stop: Azurite saves its metadata and exits.</summary>
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
    }

    private static async Task<bool> AcceptsAsync(int port)
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

    /// <summary>The tests need a real Azurite; they fail, never skip, when it is missing.</summary>
    private static string FindAzurite()
    {
        if (Environment.GetEnvironmentVariable("LIVECLASS_AZURITE") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var tools = Path.Combine(dir.FullName, "tools", "azurite");
            if (File.Exists(Path.Combine(tools, "package.json")))
            {
                var bin = Path.Combine(tools, "node_modules", ".bin", "azurite");
                return File.Exists(bin)
                    ? bin
                    : throw new InvalidOperationException(
                        $"Azurite is not installed in {tools}, and these tests need a real one: run `npm ci` there " +
                        "(the project's test command does this), then run the tests again.");
            }
        }

        throw new InvalidOperationException("tools/azurite was not found above " + AppContext.BaseDirectory + "; set LIVECLASS_AZURITE to the azurite command.");
    }
}
