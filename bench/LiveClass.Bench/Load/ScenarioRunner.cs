using System.Diagnostics;
using System.Globalization;
using LiveClass.Bench.Measuring;
using LiveClass.Bench.Reporting;
using LiveClass.Bench.Servers;
using LiveClass.Contracts;

namespace LiveClass.Bench.Load;

/// <summary>Runs one scenario against one target and returns what it measured.</summary>
public sealed class ScenarioRunner(BenchOptions options, Scenario scenario, Target target)
{
    private static readonly string[] ChatLines =
    [
        "Baby loved the leg strokes!", "We need a little break, back soon", "Can you show the tummy one again?",
        "She fell asleep :)", "Thank you, this is so calming", "Is it ok if he is fussing a bit?",
    ];

    private static readonly string[] CheckIns = ["Ready", "Following", "Done", "Break", "Sleeping", "Fussy", "NeedHelp", "Away"];

    private readonly RunMetrics _metrics = new();
    private readonly ConnectionFactory _factory = new(options.StatefulReconnect);
    private readonly List<ClassRoom> _rooms = [];
    private readonly List<ProgressPoint> _timeline = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string _phase = "starting";
    private int _connected;
    private int _connectFailures;
    private int _connectTarget;
    private ServerSample? _lastProgressSample;
    private double _lastProgressSeconds;
    private long _lastProgressMessages;
    private ServerSample? _serverBefore;
    private ServerSample? _serverAfter;
    private ProcSample? _clientBefore;
    private ClientGcSample _clientGcBefore;
    private ClientGcSample _clientGcAfter;
    private ClientGcSample _lastProgressClientGc = ClientGcSample.Take();
    private ProcSample? _lastProgressClient;
    private ProcSample? _clientAfter;
    private Dictionary<string, (long Busy, long Total)> _cpuBefore = [];
    private Dictionary<string, (long Busy, long Total)> _cpuAfter = [];
    private readonly Stopwatch _window = new();

    private IEnumerable<Participant> Everyone => _rooms.SelectMany(r => r.Everyone);

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new RunResult
        {
            Scenario = scenario.Name,
            Title = scenario.Title,
            Size = options.Full ? "full" : "quick",
            Target = target.Name,
            Urls = target.Urls,
            Server = target.Description,
            Classes = scenario.Classes,
            ParentsPerClass = scenario.ParentsPerClass,
            InstructorEventsPerSecond = scenario.InstructorEventsPerSecond,
            ChatIntervalSeconds = scenario.ChatIntervalSeconds,
            CheckInIntervalSeconds = scenario.CheckInIntervalSeconds,
            DurationSeconds = scenario.DurationSeconds,
            ConnectionsTarget = scenario.Connections,
        };

        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ReportProgressAsync(progressStop.Token);
        try
        {
            switch (scenario.Kind)
            {
                case ScenarioKind.Load:
                    await RunLoadAsync(result, cancellationToken);
                    break;
                case ScenarioKind.Idle:
                    await RunIdleAsync(result, cancellationToken);
                    break;
                case ScenarioKind.RejoinStorm:
                    await RunRejoinStormAsync(result, cancellationToken);
                    break;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result.Status = "failed";
            result.Note = $"{exception.GetType().Name}: {exception.Message}";
            Log($"run failed: {exception}");
        }
        finally
        {
            await progressStop.CancelAsync();
            await progress;
            _phase = "disconnecting";
            await ForEachAsync(Everyone.ToList(), 256, p => p.DisconnectAsync(), CancellationToken.None);
        }

        result.Timeline = _timeline;
        return result;
    }

    // ---- Scenarios 1, 2 and 5: classes under steady load ----

    private async Task RunLoadAsync(RunResult result, CancellationToken cancellationToken)
    {
        await SetUpClassesAsync(result, join: true, cancellationToken);
        var stuck = await JoinStuckConnectionsAsync(cancellationToken);
        using var loadStop = new CancellationTokenSource();
        var load = RunScheduleAsync(chat: true, loadStop.Token);

        _phase = "warmup";
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), cancellationToken);

        BeginWindow();
        _phase = "steady";

        // A few families drop a third of the way in and rejoin two seconds later, under load.
        var probes = PickSpread(_rooms.SelectMany(r => r.Parents).Where(p => p.Joined).ToList(), scenario.ProbeRejoins);
        var probing = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(scenario.DurationSeconds / 3), cancellationToken);
            await Task.WhenAll(probes.Select(p => p.DropAndRejoinAsync(TimeSpan.FromSeconds(2), cancellationToken)));
        }, cancellationToken);

        await Task.Delay(TimeSpan.FromSeconds(scenario.DurationSeconds), cancellationToken);
        EndWindow();
        await loadStop.CancelAsync();
        await load;
        await probing;

        await FinishAsync(result, cancellationToken);
        result.Rejoin = SummarizeRejoins(probes.Count, probes, 0, []);
        if (stuck.Count > 0)
        {
            // Reading again shows whether the server closed them: what it had written, then the close.
            _phase = "reading the stuck connections";
            await Task.WhenAll(stuck.Select(s => s.ReadUntilClosedAsync(TimeSpan.FromSeconds(5))));
            result.StuckConnections = stuck.Count;
            result.StuckClosed = stuck.Count(s => s.ClosedWith is not null);
            foreach (var connection in stuck)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Scenario 6: one more family in every n-th class, on a raw socket with a 4 KiB receive buffer, that stops reading but keeps pinging.</summary>
    private async Task<List<RawHubClient>> JoinStuckConnectionsAsync(CancellationToken cancellationToken)
    {
        var stuck = new List<RawHubClient>();
        if (scenario.StuckEvery <= 0)
        {
            return stuck;
        }

        _phase = "joining stuck connections";
        foreach (var room in _rooms.Where(r => r.Index % scenario.StuckEvery == 0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var connection = await RawHubClient.ConnectAsync(UrlFor(room, scenario.ParentsPerClass), receiveBufferSize: 4096);
            await connection.JoinAsParentAsync(room.JoinCode, $"Stuck {room.Index + 1}");
            connection.StopReadingKeepPinging(TimeSpan.FromSeconds(5));
            stuck.Add(connection);
        }

        Log($"  {stuck.Count} stuck connections joined");
        return stuck;
    }

    // ---- Scenario 3: idle connections, memory per connection ----

    private async Task RunIdleAsync(RunResult result, CancellationToken cancellationToken)
    {
        var probe = target.Probe;
        if (probe is null)
        {
            result.Note = "memory per connection needs a server started by the bench (its probe forces a GC); raw RSS only";
        }

        // Warm up: JIT, pools and the first grain activations are not per-connection costs.
        _phase = "warmup";
        await WarmUpAsync(cancellationToken);

        for (var c = 0; c < scenario.Classes; c++)
        {
            _rooms.Add(new ClassRoom(c, target.Urls[c % target.Urls.Count]));
        }

        using (var http = new HttpClient())
        {
            await ForEachAsync(_rooms, 8, room => room.CreateAsync(http, cancellationToken), cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var before = await SettledSampleAsync(forceGc: true);
        result.ServerUse = null;

        // Connect every connection, idle, not joined.
        var all = new List<Participant>();
        foreach (var room in _rooms)
        {
            room.Instructor = new Participant(room, -1, room.Url, ParticipantRole.Instructor, _metrics, _factory);
            all.Add(room.Instructor);
            for (var j = 0; j < scenario.ParentsPerClass; j++)
            {
                var parent = new Participant(room, j, UrlFor(room, j), ParticipantRole.Parent, _metrics, _factory);
                room.Parents.Add(parent);
                all.Add(parent);
            }
        }

        var connectTimer = Stopwatch.StartNew();
        await ConnectAllAsync(all, join: false, cancellationToken);
        result.ConnectSeconds = connectTimer.Elapsed.TotalSeconds;
        _phase = "idle (connected)";
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var connectedRaw = target.Sample();
        var connectedGc = await SettledSampleAsync(forceGc: true);

        // Join them all: an idle family in a class.
        _phase = "joining";
        _connected = 0;
        var instructors = all.Where(p => p.Role == ParticipantRole.Instructor).ToList();
        await ForEachAsync(instructors, options.ConnectConcurrency, p => JoinAsync(p, cancellationToken), cancellationToken);
        await ForEachAsync(Interleave(), options.ConnectConcurrency, p => JoinAsync(p, cancellationToken), cancellationToken);
        _phase = "idle (joined)";
        await Task.Delay(TimeSpan.FromSeconds(5 + scenario.DurationSeconds), cancellationToken);
        var joinedRaw = target.Sample();
        var joinedGc = await SettledSampleAsync(forceGc: true);

        // The GC gives memory back to the OS lazily: one more GC after a quiet while shows what stays.
        // (--settle 200 waits past the join code grains' two-minute idle age limit.)
        _phase = "idle (settling)";
        await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds ?? 15), cancellationToken);
        var joinedSettled = await SettledSampleAsync(forceGc: true);

        // What the connections hold once the GC has given every free page back: the floor under the figures above.
        var joinedReturned = await SettledSampleAsync(forceGc: true, aggressive: true);

        result.ConnectionsHeld = all.Count(p => p.Connected);
        result.ConnectFailures = _connectFailures;
        await DrainAsync(TimeSpan.FromSeconds(20), cancellationToken);
        Account(result);

        var n = Math.Max(1, all.Count);
        double KiB(ServerSample? after, ServerSample? start) =>
            after is null || start is null ? double.NaN : Math.Round((after.RssKiB - start.RssKiB) / (double)n, 2);
        double HeapMiB(ServerSample? s) => s?.Probe is { } p ? Math.Round(p.HeapBytes / 1048576.0, 2) : double.NaN;
        result.Idle = new IdleStats(
            all.Count,
            Math.Round(before?.RssMiB ?? double.NaN, 2),
            HeapMiB(before),
            Math.Round(connectedRaw?.RssMiB ?? double.NaN, 2),
            Math.Round(connectedGc?.RssMiB ?? double.NaN, 2),
            HeapMiB(connectedGc),
            Math.Round(joinedRaw?.RssMiB ?? double.NaN, 2),
            Math.Round(joinedGc?.RssMiB ?? double.NaN, 2),
            HeapMiB(joinedGc),
            KiB(connectedRaw, before),
            KiB(connectedGc, before),
            KiB(joinedRaw, before),
            KiB(joinedGc, before),
            before?.Probe is { } hb && joinedGc?.Probe is { } hj ? Math.Round((hj.HeapBytes - hb.HeapBytes) / 1024.0 / n, 2) : double.NaN,
            before?.Probe is { } cb ? Math.Round(cb.CommittedBytes / 1048576.0, 2) : double.NaN,
            joinedGc?.Probe is { } cj ? Math.Round(cj.CommittedBytes / 1048576.0, 2) : double.NaN,
            Math.Round(joinedSettled?.RssMiB ?? double.NaN, 2),
            KiB(joinedSettled, before),
            connectedGc?.Probe is { } ac && joinedRaw?.Probe is { } aj ? Math.Round((aj.AllocatedBytes - ac.AllocatedBytes) / 1048576.0, 1) : double.NaN,
            Math.Round(joinedReturned?.RssMiB ?? double.NaN, 2),
            KiB(joinedReturned, before));
        var end = target.Sample();
        result.ServerUse = Use(before, end, 0);
    }

    // ---- Scenario 4: rejoin storm ----

    private async Task RunRejoinStormAsync(RunResult result, CancellationToken cancellationToken)
    {
        await SetUpClassesAsync(result, join: true, cancellationToken);
        using var loadStop = new CancellationTokenSource();
        var load = RunScheduleAsync(chat: false, loadStop.Token);
        _phase = "warmup";
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(options.WarmupSeconds, 3)), cancellationToken);

        BeginWindow();
        _phase = "storm";
        var parents = _rooms.SelectMany(r => r.Parents).Where(p => p.Joined).ToList();
        var random = new Random(4);
        var plan = parents.Select(p => (Parent: p, DropAt: random.Next(0, 4000), Offline: random.Next(200, 1000))).ToList();
        var storm = Stopwatch.StartNew();
        await Task.WhenAll(plan.Select(async step =>
        {
            await Task.Delay(step.DropAt, cancellationToken);
            await step.Parent.DropAndRejoinAsync(TimeSpan.FromMilliseconds(step.Offline), cancellationToken);
        }));
        var stormSeconds = storm.Elapsed.TotalSeconds;

        _phase = "after storm";
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        EndWindow();
        await loadStop.CancelAsync();
        await load;
        var stormSamples = _metrics.Rejoins.ToList();

        // Time to rejoin against the number of missed events, one family at a time, on a quiet class.
        _phase = "rejoin by missed events";
        var byMissed = await MeasureRejoinByMissedAsync(cancellationToken);

        await FinishAsync(result, cancellationToken);
        result.Rejoin = SummarizeRejoins(parents.Count, parents, stormSeconds, byMissed, stormSamples);
    }

    private async Task<List<RejoinByMissed>> MeasureRejoinByMissedAsync(CancellationToken cancellationToken)
    {
        var rows = new List<RejoinByMissed>();
        var room = _rooms[0];
        var instructor = room.Instructor!;
        var candidates = room.Parents.Where(p => p.Joined && p.Connected).ToList();
        if (candidates.Count == 0)
        {
            return rows;
        }

        var next = 0;
        foreach (var missed in new[] { 1, 10, 100, 500, 1000, 1500 })
        {
            var samples = new List<RejoinSample>();
            for (var repeat = 0; repeat < 3; repeat++)
            {
                var parent = candidates[next++ % candidates.Count];
                await parent.DisconnectAsync();
                for (var i = 0; i < missed; i++)
                {
                    await instructor.InvokeChangeAsync("GoToStep", [i % Math.Max(1, room.StepCount)], cancellationToken);
                }

                samples.Add(await parent.RejoinAsync(cancellationToken));
            }

            var ok = samples.Where(s => s.Ok).Select(s => s.TotalMs).Order().ToList();
            rows.Add(new RejoinByMissed(
                missed,
                samples.Max(s => s.Missed),
                samples.Any(s => s.Snapshot),
                ok.Count == 0 ? double.NaN : Math.Round(ok[ok.Count / 2], 2),
                ok.Count == 0 ? double.NaN : Math.Round(ok[^1], 2)));
            Log($"  rejoin after {missed,5} missed events: {rows[^1].MedianMs,8:0.00} ms median ({(rows[^1].Snapshot ? "snapshot" : $"{rows[^1].Missed} events")})");
        }

        return rows;
    }

    // ---- Shared steps ----

    private async Task SetUpClassesAsync(RunResult result, bool join, CancellationToken cancellationToken)
    {
        _phase = "creating classes";
        for (var c = 0; c < scenario.Classes; c++)
        {
            _rooms.Add(new ClassRoom(c, target.Urls[c % target.Urls.Count]));
        }

        using (var http = new HttpClient())
        {
            await ForEachAsync(_rooms, 8, room => room.CreateAsync(http, cancellationToken), cancellationToken);
        }

        var connectTimer = Stopwatch.StartNew();
        var instructors = _rooms.Select(room =>
        {
            room.Instructor = new Participant(room, -1, room.Url, ParticipantRole.Instructor, _metrics, _factory);
            return room.Instructor;
        }).ToList();
        await ConnectAllAsync(instructors, join, cancellationToken);
        await ForEachAsync(instructors.Where(i => i.Joined).ToList(), 16,
            i => i.InvokeChangeAsync("StartClass", [], cancellationToken), cancellationToken);

        foreach (var room in _rooms)
        {
            for (var j = 0; j < scenario.ParentsPerClass; j++)
            {
                room.Parents.Add(new Participant(room, j, UrlFor(room, j), ParticipantRole.Parent, _metrics, _factory));
            }
        }

        await ConnectAllAsync(Interleave(), join, cancellationToken);
        result.ConnectSeconds = Math.Round(connectTimer.Elapsed.TotalSeconds, 2);
        result.ConnectFailures = _connectFailures;
    }

    /// <summary>Parents in join order: the first of every class, then the second of every class, and so on.</summary>
    private List<Participant> Interleave() =>
        Enumerable.Range(0, _rooms.Max(r => r.Parents.Count))
            .SelectMany(j => _rooms.Where(r => j < r.Parents.Count).Select(r => r.Parents[j]))
            .ToList();

    /// <summary>Spreads a class's families over the target's URLs (the silos of a cluster, or several listen addresses).</summary>
    private string UrlFor(ClassRoom room, int parentIndex) => target.Urls[(room.Index + parentIndex + 1) % target.Urls.Count];

    private async Task ConnectAllAsync(IReadOnlyList<Participant> participants, bool join, CancellationToken cancellationToken)
    {
        _phase = join ? "joining" : "connecting";
        _connected = 0;
        _connectTarget = participants.Count;
        await ForEachAsync(participants, options.ConnectConcurrency, async p =>
        {
            try
            {
                await p.ConnectAsync(cancellationToken);
                if (join)
                {
                    await p.JoinAsync($"Family {p.Room.Index + 1}-{p.Index + 1}", cancellationToken);
                }

                Interlocked.Increment(ref _connected);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _connectFailures);
                _metrics.CountError(exception);
            }
        }, cancellationToken);
    }

    private async Task JoinAsync(Participant participant, CancellationToken cancellationToken)
    {
        try
        {
            await participant.JoinAsync($"Family {participant.Room.Index + 1}-{participant.Index + 1}", cancellationToken);
            Interlocked.Increment(ref _connected);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _connectFailures);
            _metrics.CountError(exception);
        }
    }

    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var room = new ClassRoom(-1, target.Urls[0]);
        using (var http = new HttpClient())
        {
            await room.CreateAsync(http, cancellationToken);
        }

        var metrics = new RunMetrics();
        room.Instructor = new Participant(room, -1, room.Url, ParticipantRole.Instructor, metrics, _factory);
        await room.Instructor.ConnectAsync(cancellationToken);
        await room.Instructor.JoinAsync("Instructor", cancellationToken);
        var parents = Enumerable.Range(0, 20).Select(j => new Participant(room, j, room.Url, ParticipantRole.Parent, metrics, _factory)).ToList();
        await ForEachAsync(parents, 8, async p =>
        {
            await p.ConnectAsync(cancellationToken);
            await p.JoinAsync($"Warmup {p.Index}", cancellationToken);
        }, cancellationToken);
        var random = new Random(1);
        for (var i = 0; i < 20; i++)
        {
            var (method, args) = room.NextInstructorAction(random);
            await room.Instructor.InvokeChangeAsync(method, args, cancellationToken);
        }

        await ForEachAsync(parents.Prepend(room.Instructor).ToList(), 16, p => p.DisconnectAsync(), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
    }

    /// <summary>
    /// Open-loop load: every instructor acts E times a second, every parent chats and checks in at
    /// random intervals around the scenario's means (never faster than the 5-per-10-s chat limit).
    /// Calls are not awaited by the schedule, so a slow server gets the same load, not less.
    /// </summary>
    private async Task RunScheduleAsync(bool chat, CancellationToken stop)
    {
        var random = new Random(7);
        var queue = new PriorityQueue<(Participant Who, int What), long>();
        long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
        var now = Stopwatch.GetTimestamp();
        foreach (var room in _rooms)
        {
            if (scenario.InstructorEventsPerSecond > 0 && room.Instructor is { Joined: true } instructor)
            {
                queue.Enqueue((instructor, 0), now + Ticks(random.NextDouble() / scenario.InstructorEventsPerSecond));
            }

            if (!chat)
            {
                continue;
            }

            foreach (var parent in room.Parents.Where(p => p.Joined))
            {
                if (scenario.ChatIntervalSeconds > 0)
                {
                    queue.Enqueue((parent, 1), now + Ticks(random.NextDouble() * scenario.ChatIntervalSeconds));
                }

                if (scenario.CheckInIntervalSeconds > 0)
                {
                    queue.Enqueue((parent, 2), now + Ticks(random.NextDouble() * scenario.CheckInIntervalSeconds));
                }
            }
        }

        var chatCounter = 0L;
        while (!stop.IsCancellationRequested && queue.Count > 0)
        {
            now = Stopwatch.GetTimestamp();
            while (queue.TryPeek(out var item, out var due) && due <= now)
            {
                queue.Dequeue();
                switch (item.What)
                {
                    case 0:
                        var (method, args) = item.Who.Room.NextInstructorAction(random);
                        _ = item.Who.InvokeChangeAsync(method, args, CancellationToken.None);
                        queue.Enqueue(item, due + Ticks(1 / scenario.InstructorEventsPerSecond));
                        break;
                    case 1:
                        var id = Interlocked.Increment(ref chatCounter).ToString(CultureInfo.InvariantCulture);
                        _ = item.Who.InvokeChangeAsync("SendChat", [id, ChatLines[random.Next(ChatLines.Length)]], CancellationToken.None);
                        queue.Enqueue(item, due + Ticks(Math.Max(2.1, scenario.ChatIntervalSeconds * (0.5 + random.NextDouble()))));
                        break;
                    default:
                        _ = item.Who.InvokeChangeAsync("CheckIn", [CheckIns[random.Next(CheckIns.Length)], null], CancellationToken.None);
                        queue.Enqueue(item, due + Ticks(Math.Max(1, scenario.CheckInIntervalSeconds * (0.5 + random.NextDouble()))));
                        break;
                }
            }

            var wait = queue.TryPeek(out _, out var nextDue) ? Stopwatch.GetElapsedTime(now, nextDue) : TimeSpan.FromMilliseconds(10);
            try
            {
                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : wait, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Waits for the calls in flight and for every connection to reach its class's last seq, then accounts.</summary>
    private void BeginWindow()
    {
        _serverBefore = target.Sample();
        _clientBefore = ProcStats.TryRead(Environment.ProcessId);
        _clientGcBefore = ClientGcSample.Take();
        _cpuBefore = ProcStats.ReadCpuTimes();
        _metrics.OpenWindow(Clock.NowMs());
        _window.Restart();
    }

    private void EndWindow()
    {
        _metrics.CloseWindow(Clock.NowMs());
        _window.Stop();
        _serverAfter = target.Sample();
        _clientAfter = ProcStats.TryRead(Environment.ProcessId);
        _clientGcAfter = ClientGcSample.Take();
        _cpuAfter = ProcStats.ReadCpuTimes();
    }

    private async Task FinishAsync(RunResult result, CancellationToken cancellationToken)
    {
        var elapsedSeconds = _window.Elapsed.TotalSeconds;
        _phase = "draining";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_metrics.InFlight > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        await DrainAsync(TimeSpan.FromSeconds(30), cancellationToken);
        result.DurationSeconds = Math.Round(elapsedSeconds, 2);
        result.ConnectionsHeld = Everyone.Count(p => p.Connected);
        Account(result);
        result.Latency = _metrics.Delivery.Summarize();
        result.Ack = _metrics.Ack.Summarize();
        result.MessagesPerSecond = Math.Round(result.Latency.Count / Math.Max(0.001, elapsedSeconds), 1);
        result.ServerUse = Use(_serverBefore, _serverAfter, elapsedSeconds, target.Sample());
        if (_clientBefore is not null && _clientAfter is not null)
        {
            result.ClientCpuPercent = Math.Round((_clientAfter.CpuSeconds - _clientBefore.CpuSeconds) / elapsedSeconds * 100, 1);
        }

        result.ClientGc = _clientGcAfter.Since(_clientGcBefore, elapsedSeconds);

        // How busy each core was, and how much of that was neither this client nor the server (the machine is shared).
        var busy = ProcStats.BusyPercent(_cpuBefore, _cpuAfter);
        result.MachineCpuBusyPercent = busy;
        if (busy.TryGetValue("cpu", out var all))
        {
            var cores = Math.Max(1, busy.Count - 1);
            // /proc/stat and the processes' own tick counts are sampled apart: small negatives mean none.
            result.OtherProcessesCpuPercent = Math.Max(0, Math.Round(all * cores - (result.ClientCpuPercent ?? 0) - (result.ServerUse?.CpuPercentOfOneCore ?? 0), 1));
        }
    }

    private async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Everyone.All(p => !p.Joined || !p.Connected || p.LastStreamSeq >= p.Room.FinalSeq))
            {
                return;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private void Account(RunResult result)
    {
        long expected = 0, received = 0;
        foreach (var participant in Everyone)
        {
            var (e, r) = participant.Account(participant.Room.FinalSeq);
            expected += e;
            received += r;
        }

        result.EventsExpected = expected;
        result.EventsReceived = received;
        result.Missing = expected - received;
        result.Duplicates = Everyone.Sum(p => p.Duplicates);
        result.OutOfOrder = Everyone.Sum(p => p.OutOfOrder);
        result.StreamJumps = Everyone.Sum(p => p.StreamJumps);
        result.LiveMessages = _metrics.LiveMessages;
        result.Calls = _metrics.Calls;
        result.CallFailures = _metrics.CallFailures;
        result.Errors = new Dictionary<string, long>(_metrics.CallErrors);
        result.ActionsSkipped = _metrics.Skipped;
        result.LoadAverageAtEnd = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
    }

    private RejoinStats SummarizeRejoins(int participants, IReadOnlyList<Participant> rejoiners, double stormSeconds,
        List<RejoinByMissed> byMissed, List<RejoinSample>? samples = null)
    {
        samples ??= _metrics.Rejoins.ToList();
        var ok = samples.Where(s => s.Ok).ToList();
        var total = new LatencyHistogram();
        var connect = new LatencyHistogram();
        var call = new LatencyHistogram();
        foreach (var sample in ok)
        {
            total.Record(sample.TotalMs);
            connect.Record(sample.ConnectMs);
            call.Record(sample.CallMs);
        }

        var inSync = rejoiners.Count(p =>
        {
            var (e, r) = p.Account(p.Room.FinalSeq);
            return p.Connected && e == r && p.Duplicates == 0;
        });
        return new RejoinStats(
            participants,
            ok.Count,
            samples.Count - ok.Count,
            inSync,
            ok.Count(s => s.Snapshot),
            rejoiners.Sum(p => p.RejoinOrderErrors),
            Math.Round(stormSeconds, 2),
            total.Summarize(),
            connect.Summarize(),
            call.Summarize(),
            ok.Count == 0 ? 0 : Math.Round(ok.Average(s => s.Missed), 2),
            ok.Count == 0 ? 0 : ok.Max(s => s.Missed),
            byMissed);
    }

    private static ResourceUse? Use(ServerSample? before, ServerSample? after, double seconds, ServerSample? end = null)
    {
        if (before is null || after is null)
        {
            return null;
        }

        end ??= after;
        var pb = before.Probe;
        var pa = after.Probe;
        return new ResourceUse(
            Math.Round(after.CpuSeconds - before.CpuSeconds, 2),
            seconds > 0 ? Math.Round((after.CpuSeconds - before.CpuSeconds) / seconds * 100, 1) : 0,
            Math.Round(end.CpuSeconds, 2),
            Math.Round(before.RssMiB, 1),
            Math.Round(after.RssMiB, 1),
            Math.Round(Math.Max(end.PeakRssMiB, after.PeakRssMiB), 1),
            end.Threads,
            pb is null || pa is null ? null : pa.Gen0 - pb.Gen0,
            pb is null || pa is null ? null : pa.Gen1 - pb.Gen1,
            pb is null || pa is null ? null : pa.Gen2 - pb.Gen2,
            pb is null || pa is null ? null : Math.Round((pa.AllocatedBytes - pb.AllocatedBytes) / 1048576.0, 1),
            pb is null || pa is null ? null : Math.Round(pa.PauseMs - pb.PauseMs, 1),
            pa?.MaxPauseMs,
            pb is null || pa is null ? null : pa.LockContentions - pb.LockContentions,
            pa?.ServerGc,
            MeterDelta(pb, pa, "orleans-storage-write-latency"),
            MeterDelta(pb, pa, "orleans-app-requests-latency"));
    }

    /// <summary>Count and mean of one probe meter over the window (only with --meters).</summary>
    private static MeterWindow? MeterDelta(ProbeSample? before, ProbeSample? after, string name)
    {
        static (long Count, double Sum, double Max)? Read(ProbeSample? sample, string name) =>
            sample?.Meters is { ValueKind: System.Text.Json.JsonValueKind.Object } meters && meters.TryGetProperty(name, out var m)
                ? (m.GetProperty("count").GetInt64(), m.GetProperty("sum").GetDouble(), m.GetProperty("max").GetDouble())
                : null;

        if (Read(before, name) is not { } b || Read(after, name) is not { } a || a.Count <= b.Count)
        {
            return null;
        }

        return new MeterWindow(name, a.Count - b.Count, Math.Round((a.Sum - b.Sum) / (a.Count - b.Count), 3), a.Max);
    }

    private async Task<ServerSample?> SettledSampleAsync(bool forceGc, bool aggressive = false)
    {
        if (forceGc && target.Probe is { } probe)
        {
            await probe.ForceGcAsync(TimeSpan.FromSeconds(30), aggressive);
            await Task.Delay(500);
        }

        return target.Sample();
    }

    private static List<Participant> PickSpread(List<Participant> from, int count)
    {
        if (count <= 0 || from.Count == 0)
        {
            return [];
        }

        var step = Math.Max(1, from.Count / count);
        return Enumerable.Range(0, Math.Min(count, from.Count)).Select(i => from[(i * step + step / 2) % from.Count]).ToList();
    }

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, int concurrency, Func<T, Task> action, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (item, _) => await action(item));
    }

    private async Task ReportProgressAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var seconds = _clock.Elapsed.TotalSeconds;
                var sample = target.Sample();
                var messages = _metrics.LiveMessages;
                var rate = (messages - _lastProgressMessages) / Math.Max(0.001, seconds - _lastProgressSeconds);
                var cpu = sample is not null && _lastProgressSample is not null
                    ? (sample.CpuSeconds - _lastProgressSample.CpuSeconds) / Math.Max(0.001, seconds - _lastProgressSeconds) * 100
                    : double.NaN;
                var recent = _metrics.DeliveryRecent.Summarize();
                _metrics.DeliveryRecent.Reset();
                var held = _phase is "joining" or "connecting" ? _connected : Everyone.Count(p => p.Connected);
                var client = ProcStats.TryRead(Environment.ProcessId);
                var clientGc = ClientGcSample.Take();
                var clientCpu = client is not null && _lastProgressClient is not null
                    ? (client.CpuSeconds - _lastProgressClient.CpuSeconds) / Math.Max(0.001, seconds - _lastProgressSeconds) * 100
                    : double.NaN;
                var point = new ProgressPoint(Math.Round(seconds, 1), _phase, held, Math.Round(rate, 0), recent.P99, Math.Round(cpu, 1),
                    Math.Round(sample?.RssMiB ?? double.NaN, 1), Math.Round(clientCpu, 1),
                    Math.Round((clientGc.Pause - _lastProgressClientGc.Pause).TotalMilliseconds, 1), ThreadPool.PendingWorkItemCount,
                    sample?.Probe is { } probe && _lastProgressSample?.Probe is { } lastProbe ? Math.Round(probe.PauseMs - lastProbe.PauseMs, 1) : double.NaN,
                    sample?.Probe?.Gen2 ?? -1, sample?.Probe?.ThreadPoolPending ?? -1);
                _timeline.Add(point);
                var connecting = _phase is "joining" or "connecting" ? $"/{_connectTarget} (failed {_connectFailures})" : "";
                Log(string.Create(CultureInfo.InvariantCulture,
                    $"  [{scenario.Name} {target.Name}] {seconds,6:0}s {_phase,-18} conns {held}{connecting}  msgs {rate,8:0}/s  p99 {(recent.Count > 0 ? $"{recent.P99,7:0.0} ms" : "      -")}  calls in flight {_metrics.InFlight,5}  server cpu {cpu,5:0}%  rss {sample?.RssMiB ?? double.NaN,7:0} MiB  client cpu {clientCpu,4:0}% gc {point.ClientGcPauseMs,5:0} ms queue {point.ClientQueuedWorkItems,5}  server gc {point.ServerGcPauseMs,5:0} ms gen2 {point.ServerGen2} queue {point.ServerQueuedWorkItems,5}"));
                _lastProgressSample = sample;
                _lastProgressClient = client;
                _lastProgressClientGc = clientGc;
                _lastProgressSeconds = seconds;
                _lastProgressMessages = messages;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Log(string line) => Console.WriteLine(line);
}
