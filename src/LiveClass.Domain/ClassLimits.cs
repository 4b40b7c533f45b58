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

    /// <summary>The longest class title, in characters.</summary>
    [Id(0), Range(1, 1000, ErrorMessage = OutOfRange)] public int TitleMaxLength { get; init; } = 100;

    /// <summary>The longest display name of a parent or the instructor.</summary>
    [Id(1), Range(1, 200, ErrorMessage = OutOfRange)] public int DisplayNameMaxLength { get; init; } = 40;

    /// <summary>The longest chat message.</summary>
    [Id(2), Range(1, 10_000, ErrorMessage = OutOfRange)] public int ChatMaxLength { get; init; } = 500;

    /// <summary>The longest text of a <c>Custom</c> cue.</summary>
    [Id(3), Range(1, 1000, ErrorMessage = OutOfRange)] public int CustomCueMaxLength { get; init; } = 140;

    /// <summary>How many chat messages a participant may post in any <see cref="ChatRateWindow"/>.</summary>
    [Id(4), Range(1, 1000, ErrorMessage = OutOfRange)] public int ChatMessagesPerWindow { get; init; } = 5;

    /// <summary>The window <see cref="ChatMessagesPerWindow"/> counts over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", Forever, ErrorMessage = OutOfRange)]
    [Id(5)] public TimeSpan ChatRateWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many parents a class holds at once; the instructor does not take a place.</summary>
    [Id(6), Range(1, 100_000, ErrorMessage = OutOfRange)] public int MaxParents { get; init; } = 200;

    /// <summary>How many recent events a class keeps for <c>Rejoin</c>; the protocol promises at least 1,000.</summary>
    [Id(7), Range(1, 10_000_000, ErrorMessage = OutOfRange)] public int EventLogCapacity { get; init; } = 1000;

    /// <summary>How many chat messages a snapshot carries; the protocol promises at least 200.</summary>
    [Id(8), Range(1, 100_000, ErrorMessage = OutOfRange)] public int ChatHistoryCapacity { get; init; } = 200;

    /// <summary>A class with no event for this long ends itself, whether or not anyone is connected.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", Forever, ErrorMessage = OutOfRange)]
    [Id(9)] public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(3);

    /// <summary>How long an ended class is kept before it is deleted and its join code may be issued again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", Forever, ErrorMessage = OutOfRange)]
    [Id(10)] public TimeSpan EndedRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The longest <c>clientMessageId</c> of a <c>SendChat</c>.</summary>
    [Id(11), Range(1, 1000, ErrorMessage = OutOfRange)] public int ClientMessageIdMaxLength { get; init; } = 64;

    /// <summary>The highest count of a <c>Repeat</c> cue.</summary>
    [Id(12), Range(1, 1000, ErrorMessage = OutOfRange)] public int RepeatMaxCount { get; init; } = 20;

    /// <summary>The slowest tempo other than off, in strokes per minute.</summary>
    [Id(13), Range(1, 1000, ErrorMessage = OutOfRange)] public int TempoMin { get; init; } = 10;

    /// <summary>The fastest tempo, in strokes per minute.</summary>
    [Id(14), Range(1, 1000, ErrorMessage = OutOfRange)] public int TempoMax { get; init; } = 60;

    /// <summary>How many events are sealed into one stored log segment; 0 keeps every event in the class's own state.</summary>
    [Id(15), Range(0, 100_000, ErrorMessage = OutOfRange)] public int EventLogSegmentSize { get; init; } = 50;

    /// <summary>How many families a class may ever have had on its roster, those who left or were removed included, so a join/leave loop cannot grow it without bound.</summary>
    [Id(16), Range(1, 1_000_000, ErrorMessage = OutOfRange)] public int MaxRosterEntries { get; init; } = 1000;
}
