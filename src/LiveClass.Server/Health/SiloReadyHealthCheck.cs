using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace LiveClass.Server.Health;

/// <summary>Ready once this silo is an active member of its cluster.</summary>
public sealed class SiloReadyHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active in its cluster.")
            : HealthCheckResult.Unhealthy($"The silo is {status}."));
    }
}
