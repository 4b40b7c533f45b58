using LiveClass.Server.Realtime;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Hosting;

/// <summary>
/// Lets clients move to another silo when this one stops (SIGTERM, a rolling restart): before any
/// hosted service stops, it turns <c>/readyz</c> unhealthy, waits the drain delay, closes every hub
/// connection (clients reconnect elsewhere and <c>Rejoin</c>; their presence reports go out as the
/// connections close), and takes this silo's bridge off every class. The Orleans silo then leaves the
/// cluster cleanly, and its class grains tell the other silos' bridges to follow them.
/// </summary>
public sealed partial class GracefulShutdownService(
    HubConnectionDrain drain,
    SiloClassBridge bridge,
    IOptions<ShutdownOptions> options,
    TimeProvider time,
    ILogger<GracefulShutdownService> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        drain.BeginDraining();
        LogDraining(logger, drain.Count, settings.DrainDelay);
        try
        {
            if (settings.DrainDelay > TimeSpan.Zero)
            {
                await Task.Delay(settings.DrainDelay, time, cancellationToken);
            }

            await drain.CloseAllAsync(settings.CloseTimeout, time);
            await bridge.UnsubscribeAllAsync().WaitAsync(settings.CloseTimeout, time, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
            LogDrainCutShort(logger, drain.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: draining {Connections} hub connections after {DrainDelay}")]
    private static partial void LogDraining(ILogger logger, int connections, TimeSpan drainDelay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown drain cut short with {Connections} connections left")]
    private static partial void LogDrainCutShort(ILogger logger, int connections);
}
