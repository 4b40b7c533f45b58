namespace LiveClass.Testing;

/// <summary>The durable store a test cluster keeps membership and grain state in, as a real process on loopback.</summary>
public interface IClusterStore : IAsyncDisposable
{
    /// <summary>The server settings (environment variables) that point a silo at this store.</summary>
    IReadOnlyDictionary<string, string> SiloSettings { get; }

    Task StartAsync();

    /// <summary>A graceful stop that keeps the data: the next start serves the same state.</summary>
    Task StopAsync();
}
