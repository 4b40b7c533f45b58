namespace LiveClass.Tests.Infrastructure;

/// <summary>A test class whose every test runs against a fresh <see cref="LiveClassServer"/> of its own.</summary>
public abstract class ServerPerTest : IAsyncLifetime
{
    private LiveClassServer? _server;

    protected LiveClassServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync() => _server = await LiveClassServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
