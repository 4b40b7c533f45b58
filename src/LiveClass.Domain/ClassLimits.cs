namespace LiveClass.Domain;

/// <summary>The limits of a class, bound from the "LiveClass" configuration section.</summary>
[GenerateSerializer]
public sealed record ClassLimits
{
    public const string SectionName = "LiveClass";

    [Id(0)] public int TitleMaxLength { get; init; } = 100;
    [Id(1)] public int DisplayNameMaxLength { get; init; } = 40;
    [Id(2)] public int ChatMaxLength { get; init; } = 500;
    [Id(3)] public int CustomCueMaxLength { get; init; } = 140;
    [Id(4)] public int ChatMessagesPerWindow { get; init; } = 5;
    [Id(5)] public TimeSpan ChatRateWindow { get; init; } = TimeSpan.FromSeconds(10);
    [Id(6)] public int MaxParents { get; init; } = 200;

    /// <summary>How many recent events a class keeps for <c>Rejoin</c>; the protocol promises at least 1,000.</summary>
    [Id(7)] public int EventLogCapacity { get; init; } = 1000;

    /// <summary>How many chat messages a snapshot carries; the protocol promises at least 200.</summary>
    [Id(8)] public int ChatHistoryCapacity { get; init; } = 200;

    [Id(9)] public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(3);
    [Id(10)] public TimeSpan EndedRetention { get; init; } = TimeSpan.FromHours(24);
    [Id(11)] public int ClientMessageIdMaxLength { get; init; } = 64;
    [Id(12)] public int RepeatMaxCount { get; init; } = 20;
    [Id(13)] public int TempoMin { get; init; } = 10;
    [Id(14)] public int TempoMax { get; init; } = 60;

    /// <summary>How many events are sealed into one stored log segment; 0 keeps every event in the class's own state.</summary>
    [Id(15)] public int EventLogSegmentSize { get; init; } = 50;

    /// <summary>How many families a class may ever have had on its roster, those who left or were removed included, so a join/leave loop cannot grow it without bound.</summary>
    [Id(16)] public int MaxRosterEntries { get; init; } = 1000;
}
