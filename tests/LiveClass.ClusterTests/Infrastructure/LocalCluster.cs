using System.Text.RegularExpressions;

namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>
/// A store (Azurite or redis-server) and three LiveClass silos as real processes on loopback,
/// clustered and storing through that store, with presence timings shortened so failures settle
/// in seconds.
/// </summary>
internal sealed partial class LocalCluster(string root, StoreKind kind, IClusterStore store, IReadOnlyList<SiloProcess> silos)
    : IAsyncDisposable
{
    public StoreKind Kind => kind;

    public IClusterStore Store => store;

    public IReadOnlyList<SiloProcess> Silos => silos;

    public SiloProcess this[int number] => Silos[number - 1];

    public IEnumerable<string> RunningUrls => Silos.Where(s => s.IsRunning).Select(s => s.Url);

    /// <param name="settings">More configuration for every silo, as environment variables (<c>Section__Key</c>).</param>
    public static async Task<LocalCluster> StartAsync(StoreKind kind, int size = 3, IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "liveclass-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        IClusterStore store = kind == StoreKind.AzureStorage
            ? await AzuriteServer.StartAsync(Path.Combine(root, "azurite"))
            : await RedisServer.StartAsync(Path.Combine(root, "redis"));
        var ports = FreePorts.Take(size * 3);
        var silos = Enumerable.Range(1, size).Select(n =>
        {
            var (http, silo, gateway) = (ports[(n - 1) * 3], ports[(n - 1) * 3 + 1], ports[(n - 1) * 3 + 2]);
            var environment = Environment(store, silo, gateway);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                environment[key] = value;
            }

            return new SiloProcess(n, http, environment, Path.Combine(root, $"silo{n}.log"));
        }).ToList();

        var cluster = new LocalCluster(root, kind, store, silos);
        try
        {
            await cluster.StartAllAsync();
        }
        catch
        {
            await cluster.DisposeAsync(keepLogs: true);
            throw;
        }

        return cluster;
    }

    public async Task StartAllAsync()
    {
        foreach (var silo in Silos.Where(s => !s.IsRunning))
        {
            silo.Start();
        }

        await Task.WhenAll(Silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(90))));
    }

    public async Task StartSiloAsync(int number)
    {
        this[number].Start();
        await this[number].WaitReadyAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Stops every silo gracefully, in parallel.</summary>
    public Task StopAllAsync() =>
        Task.WhenAll(Silos.Where(s => s.IsRunning).Select(s => s.StopAsync(TimeSpan.FromSeconds(30))));

    /// <summary>Which silo hosts the class grains now, read off each silo's LiveClass meter.</summary>
    public async Task<SiloProcess?> FindClassHostAsync()
    {
        foreach (var silo in Silos.Where(s => s.IsRunning))
        {
            if (await ReadMetricAsync(silo, ActiveClasses()) > 0)
            {
                return silo;
            }
        }

        return null;
    }

    /// <summary>The warnings and errors the silos logged, to explain a failure.</summary>
    public string LogSummary(int linesPerSilo = 60)
    {
        var parts = Silos.Select(s =>
        {
            var lines = File.Exists(s.LogPath) ? File.ReadAllLines(s.LogPath) : [];
            return $"==== silo {s.Number} ({s.LogPath}) last {linesPerSilo} lines\n" + string.Join('\n', lines.TakeLast(linesPerSilo));
        });
        return string.Join('\n', parts);
    }

    public ValueTask DisposeAsync() => DisposeAsync(keepLogs: false);

    public async ValueTask DisposeAsync(bool keepLogs)
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Store.DisposeAsync();
        if (!keepLogs && System.Environment.GetEnvironmentVariable("LIVECLASS_KEEP_CLUSTER_LOGS") is null)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Dictionary<string, string> Environment(IClusterStore store, int siloPort, int gatewayPort) => new(store.SiloSettings)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_gcServer"] = "0",
        ["Cluster__ClusterId"] = "cluster-tests",
        ["Cluster__ServiceId"] = "liveclass",
        ["Cluster__SiloPort"] = siloPort.ToString(),
        ["Cluster__GatewayPort"] = gatewayPort.ToString(),
        // Liveness probes as shipped (appsettings.json); the table is read and written more often,
        // so that whole-cluster restarts settle sooner.
        ["Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        // Presence and bridges: the production values divided by five.
        ["LiveClass__PresenceGracePeriod"] = "00:00:02",
        ["LiveClass__BridgeRenewalPeriod"] = "00:00:03",
        ["LiveClass__BridgeSubscriptionLifetime"] = "00:00:08",
        ["Shutdown__CloseTimeout"] = "00:00:05",
        // Every family comes from one loopback address.
        ["Limits__ClassCreationsPerMinute"] = "1000000",
        ["Limits__ClassLookupsPerMinute"] = "1000000",
        ["Limits__JoinsPerMinute"] = "1000000",
        ["Limits__MaxConnectionsPerAddress"] = "1000000",
        ["Limits__HubConnectsPerMinute"] = "1000000",
        // The scenarios run a class far faster than people do.
        ["Limits__ChangesBurst"] = "100000",
        ["Limits__ChangesPerParticipantPerMinute"] = "1000000",
        ["Limits__ChangesPerConnectionPerMinute"] = "1000000",
        ["Observability__Prometheus"] = "true",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__LiveClass"] = "Information",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>How many connections a silo has closed for falling behind, read off its LiveClass meter.</summary>
    public static Task<double> ClosedTooSlowAsync(SiloProcess silo) => ReadMetricAsync(silo, ClosedTooSlow());

    /// <summary>How many journal chunks of silos that stopped writing them the running silos have deleted, read off their LiveClass meters.</summary>
    public async Task<double> JournalChunksSweptAsync()
    {
        var total = 0.0;
        foreach (var silo in Silos.Where(s => s.IsRunning))
        {
            total += await ReadMetricAsync(silo, JournalChunksSwept());
        }

        return total;
    }

    /// <summary>The sum of the values of every series <paramref name="metric"/> matches on the silo's /metrics page.</summary>
    private static async Task<double> ReadMetricAsync(SiloProcess silo, Regex metric)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var metrics = await http.GetStringAsync($"{silo.Url}/metrics");
        return metric.Matches(metrics).Sum(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^liveclass_classes\{[^}]*\} (\S+)$", RegexOptions.Multiline)]
    private static partial Regex ActiveClasses();

    [GeneratedRegex(@"^liveclass_connections_closed_too_slow_total(?:\{[^}]*\})? (\S+)", RegexOptions.Multiline)]
    private static partial Regex ClosedTooSlow();

    [GeneratedRegex(@"^liveclass_journal_records_swept_total\{[^}]*kind=""chunk""[^}]*\} (\S+)", RegexOptions.Multiline)]
    private static partial Regex JournalChunksSwept();
}
