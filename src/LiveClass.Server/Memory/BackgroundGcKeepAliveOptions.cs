using System.ComponentModel.DataAnnotations;

namespace LiveClass.Server.Memory;

/// <summary>
/// Keeps the workstation GC's background collections in the background, bound from the
/// "BackgroundGcKeepAlive" configuration section (see <see cref="BackgroundGcKeepAlive"/>).
/// </summary>
public sealed class BackgroundGcKeepAliveOptions
{
    public const string SectionName = "BackgroundGcKeepAlive";

    private const string OutOfRange = SectionName + ":{0} must be between {1} and {2}.";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest time without a gen-2 collection before one is started in the background. It must
    /// stay under the 20 s after which the runtime lets its background collection thread go.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:19", ErrorMessage = OutOfRange)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);
}
