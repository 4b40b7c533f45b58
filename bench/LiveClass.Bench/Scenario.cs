namespace LiveClass.Bench;

public enum ScenarioKind { Load, Idle, RejoinStorm }

/// <summary>One named scenario at one size. Parents chat and check in at random, evenly spread times.</summary>
public sealed record Scenario(
    string Name,
    string Title,
    ScenarioKind Kind,
    int Classes,
    int ParentsPerClass,
    double InstructorEventsPerSecond,
    double ChatIntervalSeconds,
    double CheckInIntervalSeconds,
    double DurationSeconds,
    int ProbeRejoins,
    bool UsesCluster = false,
    int StuckEvery = 0)
{
    public int Connections => Classes * (ParentsPerClass + 1);

    /// <summary>Parents per class above the server's default limit of 200 need a raised limit.</summary>
    public int RequiredMaxParents => ParentsPerClass;

    public static IReadOnlyList<string> Names { get; } = ["s1", "s2", "s3", "s4", "s5", "s6"];

    /// <summary>Scenario 6 is compared with scenario 2 run in the same invocation, not with the bare SignalR baseline.</summary>
    public bool ComparesWithS2 => StuckEvery > 0;

    public static Scenario Get(string name, BenchOptions options)
    {
        var full = options.Full;
        var scenario = name switch
        {
            "s1" => full
                ? new Scenario("s1", "one class of 500 parents, 10 events/s", ScenarioKind.Load, 1, 500, 10, 60, 60, 60, 10)
                : new Scenario("s1", "one class of 50 parents, 10 events/s (quick)", ScenarioKind.Load, 1, 50, 10, 60, 60, 15, 3),
            "s2" => full
                ? new Scenario("s2", "250 classes of 20 parents, 1 event/s each, chat", ScenarioKind.Load, 250, 20, 1, 20, 30, 60, 20)
                : new Scenario("s2", "25 classes of 20 parents, 1 event/s each, chat (quick)", ScenarioKind.Load, 25, 20, 1, 20, 30, 15, 5),
            // Idle: groups of 200 connections, 1 instructor + 199 parents, so the total is exact and no class exceeds the default limit.
            "s3" => full
                ? new Scenario("s3", "10,000 idle connections", ScenarioKind.Idle, 50, 199, 0, 0, 0, 10, 0)
                : new Scenario("s3", "1,000 idle connections (quick)", ScenarioKind.Idle, 5, 199, 0, 0, 0, 5, 0),
            "s4" => full
                ? new Scenario("s4", "rejoin storm: 1,000 parents drop and rejoin within 5 s", ScenarioKind.RejoinStorm, 5, 200, 5, 0, 0, 5, 0)
                : new Scenario("s4", "rejoin storm: 100 parents drop and rejoin within 5 s (quick)", ScenarioKind.RejoinStorm, 1, 100, 5, 0, 0, 5, 0),
            "s5" => full
                ? new Scenario("s5", $"s2 on a three-silo cluster on {options.StoreTitle}", ScenarioKind.Load, 250, 20, 1, 20, 30, 60, 20, UsesCluster: true)
                : new Scenario("s5", $"s2 on a three-silo cluster on {options.StoreTitle} (quick)", ScenarioKind.Load, 25, 20, 1, 20, 30, 15, 5, UsesCluster: true),
            // s2 with, in every tenth class, one more family whose client stops reading and keeps pinging.
            "s6" => full
                ? new Scenario("s6", "s2 with one stuck connection in every tenth class", ScenarioKind.Load, 250, 20, 1, 20, 30, 60, 20, StuckEvery: 10)
                : new Scenario("s6", "s2 with one stuck connection in every tenth class (quick)", ScenarioKind.Load, 25, 20, 1, 20, 30, 15, 5, StuckEvery: 10),
            _ => throw new ArgumentException($"unknown scenario '{name}' (s1..s6, all)"),
        };

        return scenario with
        {
            Classes = options.Classes ?? scenario.Classes,
            ParentsPerClass = options.Parents ?? scenario.ParentsPerClass,
            InstructorEventsPerSecond = options.EventsPerSecond ?? scenario.InstructorEventsPerSecond,
            ChatIntervalSeconds = options.ChatIntervalSeconds ?? scenario.ChatIntervalSeconds,
            CheckInIntervalSeconds = options.CheckInIntervalSeconds ?? scenario.CheckInIntervalSeconds,
            DurationSeconds = options.DurationSeconds ?? scenario.DurationSeconds,
            ProbeRejoins = options.ProbeRejoins ?? scenario.ProbeRejoins,
        };
    }
}
