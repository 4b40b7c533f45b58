using System.ComponentModel.DataAnnotations;

namespace LiveClass.Domain;

/// <summary>The limits of a class, bound from the "LiveClass" configuration section.</summary>
[GenerateSerializer]
public sealed record ClassLimits
{
    public const string SectionName = "LiveClass";

    /// <summary>Names the configuration key, so a refused value says what to change.</summary>
    private const string OutOfRange = SectionName + ":{0} must be between {1} and {2}.";

    private const string Forever = "10675199.02:48:05.4775807";

    [Range(1, 1000, ErrorMessage = OutOfRange)]
    [Id(0)] public int TitleMaxLength { get; init; } = 100;
    [Range(1, 200, ErrorMessage = OutOfRange)]
    [Id(1)] public int DisplayNameMaxLength { get; init; } = 40;
    [Range(1, 10_000, ErrorMessage = OutOfRange)]
    [Id(2)] public int ChatMaxLength { get; init; } = 500;
    [Range(1, 1000, ErrorMessage = OutOfRange)]
    [Id(3)] public int CustomCueMaxLength { get; init; } = 140;
    [Range(1, 1000, ErrorMessage = OutOfRange)]
    [Id(4)] public int ChatMessagesPerWindow { get; init; } = 5;
    [Range(typeof(TimeSpan), "00:00:00.001", Forever, ErrorMessage = OutOfRange)]
    [Id(5)] public TimeSpan ChatRateWindow { get; init; } = TimeSpan.FromSeconds(10);
    [Range(1, 100_000, ErrorMessage = OutOfRange)]
    [Id(6)] public int MaxParents { get; init; } = 200;

    /// <summary>How many recent events a class keeps for <c>Rejoin</c>; the protocol promises at least 1,000.</summary>
    [Range(1, 10_000_000, ErrorMessage = OutOfRange)]
    [Id(7)] public int EventLogCapacity { get; init; } = 1000;

    /// <summary>How many chat messages a snapshot carries; the protocol promises at least 200.</summary>
    [Range(1, 100_000, ErrorMessage = OutOfRange)]
    [Id(8)] public int ChatHistoryCapacity { get; init; } = 200;

    [Range(typeof(TimeSpan), "00:00:00.001", Forever, ErrorMessage = OutOfRange)]
    [Id(9)] public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(3);
    [Range(typeof(TimeSpan), "00:00:00.001", Forever, ErrorMessage = OutOfRange)]
    [Id(10)] public TimeSpan EndedRetention { get; init; } = TimeSpan.FromHours(24);
    [Range(1, 1000, ErrorMessage = OutOfRange)]
    [Id(11)] public int ClientMessageIdMaxLength { get; init; } = 64;
    [Range(1, 1000, ErrorMessage = OutOfRange)]
    [Id(12)] public int RepeatMaxCount { get; init; } = 20;
    [Range(1, 1000, ErrorMessage = OutOfRange)]
    [Id(13)] public int TempoMin { get; init; } = 10;
    [Range(1, 1000, ErrorMessage = OutOfRange)]
    [Id(14)] public int TempoMax { get; init; } = 60;

    /// <summary>How many events are sealed into one stored log segment; 0 keeps every event in the class's own state.</summary>
    [Range(0, 100_000, ErrorMessage = OutOfRange)]
    [Id(15)] public int EventLogSegmentSize { get; init; } = 50;

    /// <summary>How many families a class may ever have had on its roster, those who left or were removed included, so a join/leave loop cannot grow it without bound.</summary>
    [Range(1, 1_000_000, ErrorMessage = OutOfRange)]
    [Id(16)] public int MaxRosterEntries { get; init; } = 1000;
}
