using System.Diagnostics;
using LiveClass.Bench.Measuring;
using LiveClass.Bench.Reporting;
using LiveClass.Bench.Scenarios;
using LiveClass.Bench.Servers;
using LiveClass.Contracts;

namespace LiveClass.Bench.Load;

/// <summary>One scenario against one target: its classes and people, its phase, and the steps the scenarios share.</summary>
public sealed class ScenarioRun(BenchOptions options, ScenarioPlan plan, Target target, CoreSpeedProbe? coreSpeed = null)
{
    private int _connected;
    private int _connectFailures;
    private MeasurementWindow? _window;

    public BenchOptions Options => options;
    public ScenarioPlan Plan => plan;
    public Target Target => target;
    public RunMetrics Metrics { get; } = new();
    public ConnectionFactory Factory { get; } = new(options.StatefulReconnect);
    public List<ClassRoom> Rooms { get; } = [];
    public MeasurementWindow Window => _window ??= new(target, Metrics, coreSpeed);

    /// <summary>How fast the server's core runs, when the bench probes it.</summary>
    public CoreSpeedProbe? CoreSpeed => coreSpeed;

    /// <summary>What the run is doing, for the progress lines and the timeline.</summary>
    public string Phase { get; set; } = "starting";

    public int Connected => Volatile.Read(ref _connected);
    public int ConnectFailures => Volatile.Read(ref _connectFailures);
    public int ConnectTarget { get; private set; }

    public IEnumerable<Participant> Everyone => Rooms.SelectMany(r => r.Everyone);

    public void ResetConnected() => Volatile.Write(ref _connected, 0);

    /// <summary>Creates the classes, joins every instructor and starts the class, then joins the families.</summary>
    public async Task SetUpClassesAsync(RunResult result, CancellationToken cancellationToken)
    {
        Phase = "creating classes";
        await CreateClassesAsync(cancellationToken);
        var connectTimer = Stopwatch.StartNew();
        var instructors = Rooms.Select(room => room.Instructor = NewParticipant(room, -1, room.Url, ParticipantRole.Instructor)).ToList();
        await ConnectAllAsync(instructors, join: true, cancellationToken);
        await Concurrently.ForEachAsync(instructors.Where(i => i.Joined), 16,
            i => i.InvokeChangeAsync(nameof(IClassHub.StartClass), [], cancellationToken), cancellationToken);

        AddParents();
        await ConnectAllAsync(Interleave(), join: true, cancellationToken);
        result.ConnectSeconds = Math.Round(connectTimer.Elapsed.TotalSeconds, 2);
        result.ConnectFailures = ConnectFailures;
    }

    public async Task CreateClassesAsync(CancellationToken cancellationToken)
    {
        for (var c = 0; c < plan.Classes; c++)
        {
            Rooms.Add(new ClassRoom(c, target.Urls[c % target.Urls.Count]));
        }

        using var http = new HttpClient();
        await Concurrently.ForEachAsync(Rooms, 8, room => room.CreateAsync(http, cancellationToken), cancellationToken);
    }

    /// <summary>An instructor and the plan's parents for every class, none connected yet; instructor first, class by class.</summary>
    public List<Participant> AddEveryone()
    {
        foreach (var room in Rooms)
        {
            room.Instructor = NewParticipant(room, -1, room.Url, ParticipantRole.Instructor);
        }

        AddParents();
        return Everyone.ToList();
    }

    /// <summary>Parents in join order: the first of every class, then the second of every class, and so on.</summary>
    public List<Participant> Interleave() =>
        Enumerable.Range(0, Rooms.Max(r => r.Parents.Count))
            .SelectMany(j => Rooms.Where(r => j < r.Parents.Count).Select(r => r.Parents[j]))
            .ToList();

    /// <summary>Spreads a class's families over the target's URLs (the silos of a cluster, or several listen addresses).</summary>
    public string UrlFor(ClassRoom room, int parentIndex) => target.Urls[(room.Index + parentIndex + 1) % target.Urls.Count];

    public async Task ConnectAllAsync(IReadOnlyList<Participant> participants, bool join, CancellationToken cancellationToken)
    {
        Phase = join ? "joining" : "connecting";
        ResetConnected();
        ConnectTarget = participants.Count;
        await Concurrently.ForEachAsync(participants, options.ConnectConcurrency, async p =>
        {
            try
            {
                await p.ConnectAsync(cancellationToken);
                if (join)
                {
                    await p.JoinAsync(FamilyName(p), cancellationToken);
                }

                Interlocked.Increment(ref _connected);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                CountConnectFailure(exception);
            }
        }, cancellationToken);
    }

    public async Task JoinAsync(Participant participant, CancellationToken cancellationToken)
    {
        try
        {
            await participant.JoinAsync(FamilyName(participant), cancellationToken);
            Interlocked.Increment(ref _connected);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            CountConnectFailure(exception);
        }
    }

    /// <summary>Waits for the calls in flight and for every connection to reach its class's last seq, then accounts.</summary>
    public async Task FinishAsync(RunResult result, CancellationToken cancellationToken)
    {
        Phase = "draining";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Metrics.InFlight > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        await DrainAsync(TimeSpan.FromSeconds(30), cancellationToken);
        result.ConnectionsHeld = Everyone.Count(p => p.Connected);
        RunAccounting.Account(this, result);
        Window.Report(result);
    }

    /// <summary>Waits until every joined connection has seen its class's last seq, or the timeout.</summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !Everyone.All(p => !p.Joined || !p.Connected || p.LastStreamSeq >= p.Room.FinalSeq))
        {
            await Task.Delay(200, cancellationToken);
        }
    }

    private void AddParents()
    {
        foreach (var room in Rooms)
        {
            for (var j = 0; j < plan.ParentsPerClass; j++)
            {
                room.Parents.Add(NewParticipant(room, j, UrlFor(room, j), ParticipantRole.Parent));
            }
        }
    }

    private Participant NewParticipant(ClassRoom room, int index, string url, ParticipantRole role) =>
        new(room, index, url, role, Metrics, Factory);

    private static string FamilyName(Participant participant) => $"Family {participant.Room.Index + 1}-{participant.Index + 1}";

    private void CountConnectFailure(Exception exception)
    {
        Interlocked.Increment(ref _connectFailures);
        Metrics.CountError(exception);
    }
}
