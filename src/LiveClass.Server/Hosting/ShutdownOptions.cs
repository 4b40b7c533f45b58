using System.ComponentModel.DataAnnotations;

namespace LiveClass.Server.Hosting;

/// <summary>How a silo leaves on SIGTERM, bound from the "Shutdown" configuration section.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    private const string OutOfRange = SectionName + ":{0} must be between {1} and {2}.";

    /// <summary>
    /// How long the silo keeps serving after <c>/readyz</c> turns unhealthy, so a load balancer
    /// stops sending it new connections before the open ones are closed. 0 locally; a few seconds
    /// behind a load balancer (Kubernetes' preStop hook waits too).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = OutOfRange)]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The most the silo waits for its connections to close and its classes to let go of it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = OutOfRange)]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
