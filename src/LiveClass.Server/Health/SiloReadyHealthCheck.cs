using LiveClass.Server.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveClass.Server.Health;

/// <summary>Ready once this silo is an active member of its cluster, and no longer once it starts shutting down.</summary>
public sealed class SiloReadyHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo, HubConnectionDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (drain.IsDraining)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The silo is shutting down."));
        }

        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active in its cluster.")
            : HealthCheckResult.Unhealthy($"The silo is {status}."));
    }
}
