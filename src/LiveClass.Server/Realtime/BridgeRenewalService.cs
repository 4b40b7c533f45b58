using LiveClass.Grains;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Realtime;

/// <summary>Renews this silo's class subscriptions on a fixed period, and releases them on shutdown.</summary>
public sealed class BridgeRenewalService(SiloClassBridge bridge, IOptions<RealtimeOptions> options, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.BridgeRenewalPeriod;
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await bridge.RenewAsync(period, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
