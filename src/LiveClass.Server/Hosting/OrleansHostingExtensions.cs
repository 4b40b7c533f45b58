using System.Net;
using System.Net.Sockets;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Grains.Journal;
using LiveClass.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using StackExchange.Redis;

namespace LiveClass.Server.Hosting;

public static class OrleansHostingExtensions
{
    /// <summary>The section bound to Orleans' own membership timings (probe timeouts, votes, …).</summary>
    public const string MembershipSectionName = SiloOptions.SectionName + ":Membership";

    /// <summary>The section bound to Orleans' grain directory settings (the cache of where grains live).</summary>
    public const string DirectorySectionName = SiloOptions.SectionName + ":Directory";

    /// <summary>
    /// How many grains' locations a silo keeps in its directory cache. Orleans sizes the cache's table
    /// for its default of a million on start, about 18 MiB of one server's heap; a silo calls a few
    /// grains per family it serves, far fewer.
    /// </summary>
    public const int DirectoryCacheSize = 100_000;

    /// <summary>
    /// Co-hosts the Orleans silo. Clustering and storage come from the "Cluster" section: the
    /// embedded default is a single silo on loopback with in-memory grain storage, which is what
    /// one command on a fresh machine needs; <c>AzureStorage</c> or <c>Redis</c> makes a durable
    /// cluster of any size.
    /// </summary>
    public static WebApplicationBuilder AddLiveClassSilo(this WebApplicationBuilder builder)
    {
        // Read while composing: which clustering and storage to add decides which services exist.
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        Validate(silo);

        AddClassOptions(builder.Services, silo);
        AddOrleansRuntimeOptions(builder.Services);
        AddJournalOptions(builder.Services, silo);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.UseOrleans(orleans =>
        {
            orleans.AddLiveClassGrains();
            UseClustering(orleans, silo);
            orleans.AddLiveClassReminders(silo, silo.Storage == StorageProvider.Redis ? RedisConfiguration(silo) : null);
            AddGrainStorage(orleans, silo);
        });

        return builder;
    }

    /// <summary>
    /// On Azure Storage, where every request is billed: log segments of 200 events, a quarter of the
    /// segment, state and roster writes of the usual 50. Bound before the "LiveClass" section, which still wins.
    /// </summary>
    private static readonly IConfiguration AzureStorageClassDefaults = new ConfigurationBuilder()
        .AddInMemoryCollection([new(nameof(ClassLimits.EventLogSegmentSize), "200")])
        .Build();

    /// <summary>The class limits and realtime timings, from the "LiveClass" section, checked when the server starts.</summary>
    private static void AddClassOptions(IServiceCollection services, SiloOptions silo)
    {
        if (silo.Storage == StorageProvider.AzureStorage)
        {
            services.AddOptions<ClassLimits>().Bind(AzureStorageClassDefaults);
        }

        services.AddValidatedOptions<ClassLimits>(ClassLimits.SectionName);
        services.AddSingleton<IValidateOptions<ClassLimits>, ClassLimitsValidation>();
        services.AddValidatedOptions<RealtimeOptions>(ClassLimits.SectionName);
        services.AddSingleton<IValidateOptions<RealtimeOptions>, RealtimeOptionsValidation>();
    }

    /// <summary>Orleans' own settings that LiveClass sets or lets configuration set: membership timings and the directory cache.</summary>
    private static void AddOrleansRuntimeOptions(IServiceCollection services)
    {
        services.AddOptions<ClusterMembershipOptions>().BindConfiguration(MembershipSectionName);
        services.AddOptions<GrainDirectoryOptions>()
            .Configure(directory => directory.CacheSize = DirectoryCacheSize)
            .BindConfiguration(DirectorySectionName);
    }

    /// <summary>
    /// The silo journal, from "LiveClass:Journal". On by default where a write is a request to a
    /// store: on Redis with chunks at most every 20 ms; on Azure Storage, which bills every request,
    /// at most every 100 ms, and each class's own state written once a minute instead of every 10 s
    /// (a third of the requests in all, for a commit that waits 50 ms longer on average). In memory a class's own
    /// state costs no request, and a journal would only add hops: a class there keeps its commits
    /// in its own memory and writes its state every 10 s and when it closes.
    /// </summary>
    private static void AddJournalOptions(IServiceCollection services, SiloOptions silo)
    {
        services.Configure<JournalOptions>(journal =>
        {
            journal.Enabled = silo.Storage != StorageProvider.Memory;
            journal.WriteBehind = silo.Storage == StorageProvider.Memory;
            journal.ChunkInterval = silo.Storage switch
            {
                StorageProvider.Memory => TimeSpan.Zero,
                StorageProvider.AzureStorage => TimeSpan.FromMilliseconds(100),
                _ => TimeSpan.FromMilliseconds(20),
            };
            if (silo.Storage == StorageProvider.AzureStorage)
            {
                journal.CheckpointInterval = TimeSpan.FromMinutes(1);
            }
        });
        services.AddValidatedOptions<JournalOptions>(JournalOptions.SectionName);
    }

    private static void UseClustering(ISiloBuilder orleans, SiloOptions silo)
    {
        var siloPort = silo.SiloPort == 0 ? FreeTcpPort() : silo.SiloPort;
        var gatewayPort = silo.GatewayPort == 0 ? FreeTcpPort() : silo.GatewayPort;
        if (silo.Clustering == ClusteringProvider.Localhost)
        {
            orleans.UseLocalhostClustering(siloPort, gatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
            return;
        }

        if (silo.Clustering == ClusteringProvider.AzureStorage)
        {
            orleans.UseAzureTableClustering(silo.AzureStorage);
        }
        else
        {
            orleans.UseRedisClustering(options => options.ConfigurationOptions = RedisConfiguration(silo));
        }

        if (silo.Kubernetes)
        {
            // Cluster and service ids, and the silo's address, come from the pod (see deploy/kubernetes).
            orleans.UseKubernetesHosting();
            orleans.Configure<EndpointOptions>(options =>
            {
                options.SiloPort = siloPort;
                options.GatewayPort = gatewayPort;
            });
            return;
        }

        orleans.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = silo.ClusterId;
            options.ServiceId = silo.ServiceId;
        });
        var address = AdvertisedAddress(silo.AdvertisedIPAddress);
        orleans.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
    }

    private static void AddGrainStorage(ISiloBuilder orleans, SiloOptions silo)
    {
        if (silo.Storage == StorageProvider.Memory)
        {
            // Deep copies kept in this silo: no serialization and no storage grain calls.
            orleans.AddInMemoryGrainStorage(StorageNames.Classes);
            orleans.AddGrainStorageAlias(StorageNames.Rosters, StorageNames.Classes);
        }
        else if (silo.Storage == StorageProvider.AzureStorage)
        {
            orleans.AddAzureGrainStorage(silo.AzureStorage);
        }
        else
        {
            orleans.AddRedisGrainStorage(StorageNames.Classes, options => options.Configure<Serializer>((redis, serializer) =>
            {
                redis.ConfigurationOptions = RedisConfiguration(silo);
                redis.GrainStorageSerializer = StoredStateFormat.Create(serializer);
            }));
            orleans.AddGrainStorageAlias(StorageNames.Rosters, StorageNames.Classes);
        }
    }

    /// <summary>Refuses a configuration that cannot work, before anything starts, with a message that says what to set.</summary>
    internal static void Validate(SiloOptions silo)
    {
        if (silo.Clustering == ClusteringProvider.AzureStorage || silo.Storage == StorageProvider.AzureStorage)
        {
            AzureStorageHosting.Validate(silo.AzureStorage);
        }

        var needsRedis = silo.Clustering == ClusteringProvider.Redis || silo.Storage == StorageProvider.Redis;
        if (needsRedis && string.IsNullOrWhiteSpace(silo.Redis))
        {
            throw new InvalidOperationException(
                $"{SiloOptions.SectionName}:Redis must name the Redis server (e.g. 127.0.0.1:6380) when clustering or storage is Redis.");
        }

        if (silo.Kubernetes && silo.Clustering == ClusteringProvider.Localhost)
        {
            throw new InvalidOperationException(
                $"{SiloOptions.SectionName}:Kubernetes needs {SiloOptions.SectionName}:Clustering=AzureStorage or Redis.");
        }
    }

    private static ConfigurationOptions RedisConfiguration(SiloOptions silo)
    {
        var options = ConfigurationOptions.Parse(silo.Redis!);
        // Keep retrying while Redis restarts instead of failing the silo's start.
        options.AbortOnConnectFail = false;
        // Completions on the .NET thread pool rather than the client's own dedicated threads: every
        // grain write would otherwise hand its flush to another thread and wake it, which costs a
        // busy silo more than the write itself.
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }

    private static IPAddress AdvertisedAddress(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.Loopback;
        }

        if (string.Equals(configured, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Dns.GetHostAddresses(Dns.GetHostName())
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
                ?? throw new InvalidOperationException("This host has no non-loopback IPv4 address to advertise; set Cluster:AdvertisedIPAddress.");
        }

        return IPAddress.Parse(configured);
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
