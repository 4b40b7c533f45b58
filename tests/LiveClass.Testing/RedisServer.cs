using System.Net.Sockets;
using System.Text;

namespace LiveClass.Testing;

/// <summary>
/// A real redis-server on a free loopback port, keeping its data in an append-only file (fsync on
/// every write) in a folder of its own, so that it can be stopped and started again on the same data.
/// </summary>
public sealed class RedisServer(string dataDir, int port) : ChildServer("redis-server", dataDir)
{
    public int Port { get; } = port;

    public string ConnectionString => $"127.0.0.1:{Port}";

    public override IReadOnlyDictionary<string, string> SiloSettings => new Dictionary<string, string>
    {
        ["Cluster__Clustering"] = "Redis",
        ["Cluster__Storage"] = "Redis",
        ["Cluster__Redis"] = ConnectionString,
    };

    public static async Task<RedisServer> StartAsync(string dataDir)
    {
        var server = new RedisServer(dataDir, FreePorts.Take(1)[0]);
        await server.StartAsync();
        return server;
    }

    protected override IEnumerable<string> Arguments() =>
    [
        "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", DataDir,
        "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no",
        "--logfile", Path.Combine(DataDir, "redis.log"),
    ];

    protected override Task<bool> IsReadyAsync() => PingAsync();

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The cluster tests need a real Redis; they fail, never skip, when it is missing.</summary>
    protected override string FindCommand()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            "redis-server is not installed, and the cluster tests need a real one: install it with `apt-get install -y redis-server` " +
            "(the project's test command does this), then run the tests again.");
    }
}
