namespace LiveClass.Bench.Scenarios;

/// <summary>One scenario at one size. Parents chat and check in at random, evenly spread times.</summary>
public sealed record ScenarioPlan(
    string Name,
    string Title,
    int Classes,
    int ParentsPerClass,
    double InstructorEventsPerSecond,
    double ChatIntervalSeconds,
    double CheckInIntervalSeconds,
    double DurationSeconds,
    int ProbeRejoins)
{
    public int Connections => Classes * (ParentsPerClass + 1);

    /// <summary>The load before the measured window when the scenario needs its own; otherwise <see cref="BenchOptions.WarmupSeconds"/>.</summary>
    public double? WarmupSeconds { get; init; }

    /// <summary>The sizes and rates given on the command line take the place of the scenario's own.</summary>
    public ScenarioPlan With(BenchOptions options) => this with
    {
        Classes = options.Classes ?? Classes,
        ParentsPerClass = options.Parents ?? ParentsPerClass,
        InstructorEventsPerSecond = options.EventsPerSecond ?? InstructorEventsPerSecond,
        ChatIntervalSeconds = options.ChatIntervalSeconds ?? ChatIntervalSeconds,
        CheckInIntervalSeconds = options.CheckInIntervalSeconds ?? CheckInIntervalSeconds,
        DurationSeconds = options.DurationSeconds ?? DurationSeconds,
        ProbeRejoins = options.ProbeRejoins ?? ProbeRejoins,
    };
}
