using LiveClass.Grains;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Realtime;

/// <summary>
/// Renews this silo's class subscriptions on a fixed period, and at once whenever the cluster
/// declares a silo dead: the classes that lived there come back on another silo with no
/// subscribers, and renewing is what brings their events to this silo's families again.
/// </summary>
public sealed class BridgeRenewalService(
    SiloClassBridge bridge,
    IClusterMembershipService membership,
    IOptions<RealtimeOptions> options,
    TimeProvider time) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RenewPeriodicallyAsync(stoppingToken), RenewWhenSilosDieAsync(stoppingToken));

    private async Task RenewPeriodicallyAsync(CancellationToken stoppingToken)
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

    private async Task RenewWhenSilosDieAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = snapshot.Members.Values
                    .Where(member => member.Status == SiloStatus.Dead && dead.Add(member.SiloAddress))
                    .ToList();
                if (newlyDead.Count > 0)
                {
                    await bridge.RenewAsync(options.Value.BridgeRenewalPeriod, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
