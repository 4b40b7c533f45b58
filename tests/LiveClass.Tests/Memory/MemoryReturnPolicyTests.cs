using LiveClass.Server.Memory;

namespace LiveClass.Tests.Memory;

public sealed class MemoryReturnPolicyTests
{
    private const long MiB = 1024 * 1024;
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly MemoryReturnOptions Options = new()
    {
        MinimumFreeMiB = 64,
        MinimumFreeShareOfHeap = 0.25,
        QuietAllocationMiBPerSecond = 16,
        MinimumInterval = TimeSpan.FromMinutes(1),
    };

    /// <summary>Two readings of the heap and what else the policy weighs; <see cref="Returns"/> is the expected decision.</summary>
    public sealed record Situation(string Because, HeapReading Previous, HeapReading Current, bool Returns, long EventsDelivered = 0, DateTimeOffset? LastReturn = null)
    {
        public override string ToString() => Because;
    }

    public static TheoryData<Situation> Situations =>
    [
        new Situation("a quiet server holding much more than its heap returns it",
            At(0, 5_000, 300, 450), At(5, 5_040, 300, 450), Returns: true),
        new Situation("17 MiB/s over 5 s, faster than the quiet rate: a burst still going on needs the room",
            At(0, 5_000, 300, 450), At(5, 5_085, 300, 450), Returns: false),
        new Situation("63 MiB free is under the minimum and not worth the pause",
            At(0, 0, 100, 163), At(5, 0, 100, 163), Returns: false),
        new Situation("70 MiB free is over the minimum but under a quarter of a 300 MiB heap",
            At(0, 0, 300, 370), At(5, 0, 300, 370), Returns: false),
        new Situation("75 MiB free is a quarter of a 300 MiB heap",
            At(0, 0, 300, 375), At(5, 0, 300, 375), Returns: true),
        new Situation("just under the minimum interval after the last return",
            At(55, 0, 300, 450), At(59.9, 0, 300, 450), Returns: false, LastReturn: T0),
        new Situation("the minimum interval after the last return",
            At(55, 0, 300, 450), At(60, 0, 300, 450), Returns: true, LastReturn: T0),
        new Situation("delivering class events however little it allocates: the full collection would stall every class in progress",
            At(0, 5_000, 300, 450), At(5, 5_001, 300, 450), Returns: false, EventsDelivered: 1),
        new Situation("two readings at the same instant decide nothing",
            At(5, 0, 300, 450), At(5, 0, 300, 450), Returns: false),
        new Situation("readings out of order decide nothing",
            At(5, 0, 300, 450), At(0, 0, 300, 450), Returns: false),
    ];

    [Theory]
    [MemberData(nameof(Situations))]
    public void Decides_whether_to_return_free_memory(Situation situation)
    {
        var returns = MemoryReturnPolicy.ShouldReturn(Options, situation.Previous, situation.Current, situation.EventsDelivered, situation.LastReturn);

        Assert.True(returns == situation.Returns, $"{situation.Because}: expected {situation.Returns}, decided {returns}");
    }

    private static HeapReading At(double seconds, long allocatedMiB, long heapMiB, long committedMiB) =>
        new(T0.AddSeconds(seconds), allocatedMiB * MiB, heapMiB * MiB, committedMiB * MiB);
}
