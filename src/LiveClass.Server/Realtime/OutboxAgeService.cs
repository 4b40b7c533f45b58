using Microsoft.Extensions.Options;

namespace LiveClass.Server.Realtime;

/// <summary>
/// Looks at every connection's oldest unsent event a few times per age bound, so that a client
/// that takes nothing is closed even when its class sends nothing new.
/// </summary>
public sealed class OutboxAgeService(ConnectionOutboxes outboxes, IOptions<DeliveryOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(options.Value.MaxQueueAge.Ticks / 5, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(1).Ticks));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                outboxes.CheckAges();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
