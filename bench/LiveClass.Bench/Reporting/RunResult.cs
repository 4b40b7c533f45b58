using LiveClass.Bench.Measuring;
using LiveClass.Bench.Scenarios;

namespace LiveClass.Bench.Reporting;

/// <summary>Everything one run of one scenario against one target measured; serialized as JSON.</summary>
public sealed record RunResult
{
    public required string Scenario { get; init; }
    public required string Title { get; init; }
    public required string Size { get; init; }
    public required string Target { get; set; }

    /// <summary>Which pair of runs this is, when an invocation runs several (<c>--rounds</c>).</summary>
    public int? Round { get; set; }
    public string Status { get; set; } = "ok";
    public string? Note { get; set; }
    public IReadOnlyList<string> Urls { get; set; } = [];
    public string? Server { get; set; }
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    public int Classes { get; init; }
    public int ParentsPerClass { get; init; }
    public double InstructorEventsPerSecond { get; init; }
    public double ChatIntervalSeconds { get; init; }
    public double CheckInIntervalSeconds { get; init; }
    public double DurationSeconds { get; set; }

    public int ConnectionsTarget { get; init; }
    public int ConnectionsHeld { get; set; }
    public int ConnectFailures { get; set; }
    public double ConnectSeconds { get; set; }

    public long EventsExpected { get; set; }
    public long EventsReceived { get; set; }
    public long Missing { get; set; }
    public long Duplicates { get; set; }
    public long OutOfOrder { get; set; }
    public long StreamJumps { get; set; }

    /// <summary>Scenario 6: connections that joined and then stopped reading, and how many of them the server closed.</summary>
    public int? StuckConnections { get; set; }
    public int? StuckClosed { get; set; }
    public long LiveMessages { get; set; }
    public double MessagesPerSecond { get; set; }

    public LatencySummary? Latency { get; set; }
    public LatencySummary? Ack { get; set; }

    /// <summary>
    /// Scenario 6: <see cref="Latency"/> split between the classes with a stuck connection and the
    /// others, in the same window on the same server, which no drift of the machine between runs reaches.
    /// </summary>
    public LatencySummary? LatencyBesideStuck { get; set; }
    public LatencySummary? LatencyApartFromStuck { get; set; }

    public long Calls { get; set; }
    public long CallFailures { get; set; }
    public Dictionary<string, long> Errors { get; set; } = [];

    public ResourceUse? ServerUse { get; set; }

    /// <summary>How fast the server's core itself ran over the window; null when the bench does not pin.</summary>
    public CoreSpeed? ServerCore { get; set; }
    public double? ClientCpuPercent { get; set; }

    /// <summary>The bench client's own collections over the window: their pauses delay every receipt.</summary>
    public ClientGc? ClientGc { get; set; }

    /// <summary>Busy share of each core over the window ("cpu" is all cores together), from /proc/stat.</summary>
    public Dictionary<string, double>? MachineCpuBusyPercent { get; set; }

    /// <summary>CPU (in % of one core) that other processes on this shared machine used during the window.</summary>
    public double? OtherProcessesCpuPercent { get; set; }

    public string? LoadAverageAtEnd { get; set; }

    /// <summary>Scheduled chats or check-ins skipped because that family was dropped at the time (rejoin probes).</summary>
    public long ActionsSkipped { get; set; }
    public RejoinStats? Rejoin { get; set; }
    public IdleStats? Idle { get; set; }
    public List<ProgressPoint> Timeline { get; set; } = [];

    /// <summary>
    /// The p99 of the worst two seconds of the measured window: a stall that the run's p99 spreads
    /// over a minute, and that every family in the classes it hits feels at once.
    /// </summary>
    public double? WorstWindowP99Ms => Timeline.Where(p => p.Phase == "steady" && p.P99Ms > 0).Select(p => (double?)p.P99Ms).Max();

    /// <summary>A run of <paramref name="plan"/> against one target, before anything is measured.</summary>
    public static RunResult Planned(ScenarioPlan plan, BenchOptions options, string target, IReadOnlyList<string> urls) => new()
    {
        Scenario = plan.Name,
        Title = plan.Title,
        Size = options.Size,
        Target = target,
        Urls = urls,
        Classes = plan.Classes,
        ParentsPerClass = plan.ParentsPerClass,
        InstructorEventsPerSecond = plan.InstructorEventsPerSecond,
        ChatIntervalSeconds = plan.ChatIntervalSeconds,
        CheckInIntervalSeconds = plan.CheckInIntervalSeconds,
        DurationSeconds = plan.DurationSeconds,
        ConnectionsTarget = plan.Connections,
    };
}

/// <summary>The server's use of the machine over the measured window (CPU, GC) and over its life (peak).</summary>
public sealed record ResourceUse(
    double CpuSeconds,
    double CpuPercentOfOneCore,
    double CpuSecondsTotal,
    double RssStartMiB,
    double RssEndMiB,
    double PeakWorkingSetMiB,
    int Threads,
    long? Gen0,
    long? Gen1,
    long? Gen2,
    double? AllocatedMiB,
    double? GcPauseMs,
    double? MaxGcPauseMs,
    long? LockContentions,
    bool? ServerGc,
    MeterWindow? StorageWrites = null,
    MeterWindow? GrainRequests = null,
    Dictionary<string, double>? CpuSecondsByThread = null);

/// <summary>An Orleans meter over the window: how many measurements, their mean, and the largest since the server started.</summary>
public sealed record MeterWindow(string Meter, long Count, double MeanMs, double MaxMsSinceStart);

public sealed record RejoinStats(
    int Participants,
    int Rejoined,
    int Failed,
    int InSync,
    int AnsweredWithSnapshot,
    long OrderErrors,
    double StormSeconds,
    LatencySummary Total,
    LatencySummary Connect,
    LatencySummary Call,
    double MissedMean,
    long MissedMax,
    List<RejoinByMissed> ByMissed);

public sealed record RejoinByMissed(int Requested, long Missed, bool Snapshot, double MedianMs, double MaxMs);

public sealed record IdleStats(
    int Connections,
    double RssBeforeMiB,
    double HeapBeforeMiB,
    double RssConnectedMiB,
    double RssConnectedAfterGcMiB,
    double HeapConnectedMiB,
    double RssJoinedMiB,
    double RssJoinedAfterGcMiB,
    double HeapJoinedMiB,
    double KiBPerConnection,
    double KiBPerConnectionAfterGc,
    double KiBPerJoinedConnection,
    double KiBPerJoinedConnectionAfterGc,
    double HeapKiBPerJoinedConnection,
    double GcCommittedBeforeMiB,
    double GcCommittedJoinedMiB,
    double RssJoinedSettledMiB,
    double KiBPerJoinedConnectionSettled,
    double JoinAllocatedMiB,
    double RssJoinedReturnedMiB = double.NaN,
    double KiBPerJoinedConnectionReturned = double.NaN);

/// <summary>
/// Two seconds of a run. The client columns tell a slow client from a slow server: latency is
/// measured on receipt, so the client's own GC pauses and backlog count in it.
/// </summary>
public sealed record ProgressPoint(
    double Seconds,
    string Phase,
    int Connections,
    double MessagesPerSecond,
    double P99Ms,
    double ServerCpuPercent,
    double ServerRssMiB,
    double ClientCpuPercent,
    double ClientGcPauseMs,
    long ClientQueuedWorkItems,
    double ServerGcPauseMs = double.NaN,
    long ServerGen2 = -1,
    long ServerQueuedWorkItems = -1,
    Dictionary<string, double>? ServerCpuPercentByThread = null,
    double ServerCoreSlowness = double.NaN);

public sealed record ClientGc(int Gen0, int Gen1, int Gen2, double PauseMs, double PausePercent);
