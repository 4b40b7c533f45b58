using Microsoft.Extensions.Hosting;

namespace LiveClass.Tests.Memory;

/// <summary>A started hosted service that stops, and must stop cleanly, when the test ends.</summary>
internal sealed class RunningService(BackgroundService service) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await service.StopAsync(TestContext.Current.CancellationToken);
        service.Dispose();
    }
}
