
namespace LiveClass.Testing;

/// <summary>
/// Azurite, Microsoft's Azure Storage emulator (npm package installed in tools/azurite), on free
/// loopback ports with its data in a folder of its own, so that it can be stopped and started
/// again on the same data. Never a cloud account.
/// </summary>
public sealed class AzuriteServer(string dataDir, int blobPort, int queuePort, int tablePort) : ChildServer("azurite", dataDir)
{
    /// <summary>Azurite's one account and its key, published in Azurite's documentation; it opens nothing else.</summary>
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevAccount};QueueEndpoint=http://127.0.0.1:{queuePort}/{DevAccount};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevAccount};";

    public override IReadOnlyDictionary<string, string> SiloSettings => new Dictionary<string, string>
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

    protected override TimeSpan StartTimeout => TimeSpan.FromSeconds(60);

    protected override IEnumerable<string> Arguments() =>
    [
        "--location", DataDir, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
        "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
        "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
        "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
    ];

    protected override async Task<bool> IsReadyAsync() => await AcceptsAsync(blobPort) && await AcceptsAsync(tablePort);

    /// <summary>The tests need a real Azurite; they fail, never skip, when it is missing.</summary>
    protected override string FindCommand()
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
