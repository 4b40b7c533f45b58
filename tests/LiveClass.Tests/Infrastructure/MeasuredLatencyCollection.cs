namespace LiveClass.Tests.Infrastructure;

/// <summary>
/// Tests that judge a real class's latency or timing against a bound or against their own
/// yardstick run alone rather than beside the other tests: on a small machine, servers starting
/// in a test beside them add their own pauses to what is measured.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredLatencyCollection
{
    public const string Name = "Measured latency";
}
