
namespace LiveClass.Tests.Storage;

/// <summary>One Azurite for a class of Azure Storage tests, on free loopback ports, with its data in a temporary folder.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "liveclass-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private AzuriteServer? _azurite;

    public AzuriteServer Server => _azurite ?? throw new InvalidOperationException("Azurite is not running.");

    public string ConnectionString => Server.ConnectionString;

    public async ValueTask InitializeAsync() => _azurite = await AzuriteServer.StartAsync(_dataDir);

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
