using Microsoft.Extensions.Options;

namespace LiveClass.Server.Realtime;

/// <summary>
/// Looks at every connection's outbox a few times per age bound and keep-alive interval: a client
/// that takes nothing is closed even when its class sends nothing new, and one that has been sent
/// nothing for a while gets a ping.
/// </summary>
public sealed class OutboxUpkeepService(ConnectionOutboxes outboxes, IOptions<DeliveryOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period(options.Value), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                outboxes.Upkeep();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Often enough for both bounds, and never more than 50 times a second nor less than once.</summary>
    public static TimeSpan Period(DeliveryOptions options)
    {
        var ticks = Math.Min(options.MaxQueueAge.Ticks / 5, options.KeepAliveInterval.Ticks / 4);
        return TimeSpan.FromTicks(Math.Clamp(ticks, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(1).Ticks));
    }
}
