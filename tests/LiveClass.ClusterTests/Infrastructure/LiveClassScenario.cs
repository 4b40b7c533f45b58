using System.Collections.Concurrent;
using System.Diagnostics;
using LiveClass.Contracts;

namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>
/// One class on a <see cref="LocalCluster"/>: the instructor on silo 1, parents spread over the
/// silos round robin, and a background activity of instructor controls, chat and check-ins whose
/// every acknowledged seq is recorded.
/// </summary>
internal sealed class LiveClassScenario(LocalCluster cluster, CreateClassResponse created, ClassClient instructor, IReadOnlyList<ClassClient> parents)
    : IAsyncDisposable
{
    private static readonly CheckInStatus[] Statuses =
        [CheckInStatus.Ready, CheckInStatus.Following, CheckInStatus.Done, CheckInStatus.Break, CheckInStatus.Sleeping];

    private readonly ConcurrentBag<Ack> _acks = [];
    private readonly ConcurrentDictionary<string, (string ClientMessageId, string Text)> _unansweredChats = new();
    private int _chatCounter;

    public LocalCluster Cluster => cluster;
    public CreateClassResponse Class => created;
    public ClassClient Instructor => instructor;
    public IReadOnlyList<ClassClient> Parents => parents;
    public IReadOnlyCollection<Ack> Acks => _acks;

    public IEnumerable<ClassClient> Everyone => Parents.Prepend(Instructor);

    public Func<IReadOnlyList<string>> Urls => () => Cluster.RunningUrls.ToList();

    public static async Task<LiveClassScenario> StartAsync(LocalCluster cluster, int parents)
    {
        var urls = (Func<IReadOnlyList<string>>)(() => cluster.RunningUrls.ToList());
        var created = await ClassApi.CreateClassAsync(cluster[1].Url, "Baby massage, cluster edition");
        var instructor = await ClassClient.JoinAsInstructorAsync(created.ClassId, created.InstructorKey, urls, firstUrl: 0);
        var joined = new List<ClassClient>();
        // A few at a time: a class fills up over a minute or so, not in one burst.
        foreach (var batch in Enumerable.Range(0, parents).Chunk(6))
        {
            joined.AddRange(await Task.WhenAll(batch.Select(i =>
                ClassClient.JoinAsParentAsync($"Family {i + 1:00}", created.JoinCode, urls, firstUrl: i % cluster.Silos.Count))));
        }

        var scenario = new LiveClassScenario(cluster, created, instructor, joined);
        scenario.Record(instructor.ParticipantId, ClassEventKind.ClassStatusChanged, await instructor.Hub.StartClass());
        return scenario;
    }

    /// <summary>
    /// Starts a cluster on <paramref name="store"/> with one class of <paramref name="parents"/> families
    /// and runs <paramref name="test"/> on it (with a clock started before the cluster); when the test
    /// fails, the silos' logs go to <paramref name="output"/>.
    /// </summary>
    public static async Task RunAsync(StoreKind store, int parents, ITestOutputHelper output,
        Func<LocalCluster, LiveClassScenario, Stopwatch, Task> test)
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await LocalCluster.StartAsync(store);
        output.WriteLine($"cluster ready after {clock.Elapsed.TotalSeconds:0.0} s");
        try
        {
            await using var scenario = await StartAsync(cluster, parents);
            await test(cluster, scenario, clock);
        }
        catch
        {
            output.WriteLine(cluster.LogSummary());
            throw;
        }
    }

    /// <summary>
    /// One more instructor event once everything has settled; every one of <paramref name="clients"/>
    /// (by default everyone) reaches it having applied the instructor's history, contiguous, and every
    /// acknowledged call is in that history. Returns the final event's seq.
    /// </summary>
    public async Task<long> SettleAsync(int step, IEnumerable<ClassClient>? clients = null)
    {
        var final = await FinalEventAsync(step);
        var present = (clients ?? Everyone).ToList();
        await Task.WhenAll(present.Select(c => c.WaitForSeqAsync(final, TimeSpan.FromSeconds(30))));
        foreach (var client in present)
        {
            History.AssertContiguous(client, final);
            History.AssertSameHistory(client, Instructor);
        }

        History.AssertAcknowledgedIn(Instructor.Applied, Acks);
        return final;
    }

    /// <summary>
    /// Runs until cancelled: every 200 ms the instructor changes the step or gives a cue, and two
    /// families chat or check in. Calls that fail (their server died, the class is moving) are not
    /// acknowledged; a chat without an answer is sent again with the same clientMessageId.
    /// </summary>
    public async Task RunActivityAsync(CancellationToken cancellationToken)
    {
        var random = new Random(4);
        for (var tick = 0; !cancellationToken.IsCancellationRequested; tick++)
        {
            var calls = new List<Task> { InstructorActs(tick) };
            for (var i = 0; i < 2; i++)
            {
                var parent = Parents[random.Next(Parents.Count)];
                if (parent.IsConnected)
                {
                    calls.Add(random.Next(3) == 0 ? Chat(parent) : CheckIn(parent, Statuses[random.Next(Statuses.Length)]));
                }
            }

            await Task.WhenAll(calls);
            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One more instructor event once everything has settled; every client must reach it.</summary>
    public async Task<long> FinalEventAsync(int step)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (Instructor.IsConnected && await Instructor.TryCallAsync(nameof(IClassHub.GoToStep), hub => hub.GoToStep(step)) is { } seq)
            {
                Record(Instructor.ParticipantId, ClassEventKind.StepChanged, seq);
                return seq;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the instructor could not change the step");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The class as the server has it, asked through a second connection of the instructor.</summary>
    public async Task<ClassSnapshot> SnapshotAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (monitor, result) = await ClassClient.RejoinAsync("monitor", Instructor.Token, 0, Urls, attempt);
                await monitor.DisposeAsync();
                return result.Snapshot!;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    public ValueTask DisposeAsync() => DisposeClientsAsync();

    public async ValueTask DisposeClientsAsync()
    {
        foreach (var client in Everyone)
        {
            await client.DisposeAsync();
        }
    }

    private async Task InstructorActs(int tick)
    {
        if (!Instructor.IsConnected)
        {
            return;
        }

        if (tick % 4 == 3)
        {
            if (await Instructor.TryCallAsync(nameof(IClassHub.SendCue), hub => hub.SendCue("Slow", null, null)) is { } cue)
            {
                Record(Instructor.ParticipantId, ClassEventKind.CueGiven, cue);
            }
        }
        else if (await Instructor.TryCallAsync(nameof(IClassHub.GoToStep), hub => hub.GoToStep(tick % 10)) is { } step)
        {
            Record(Instructor.ParticipantId, ClassEventKind.StepChanged, step);
        }
    }

    private async Task Chat(ClassClient parent)
    {
        if (!_unansweredChats.TryRemove(parent.ParticipantId, out var pending))
        {
            var number = Interlocked.Increment(ref _chatCounter);
            pending = ($"m{number}", $"{parent.Name} says hello #{number}");
        }

        var (clientMessageId, text) = pending;
        if (await parent.TryCallAsync(nameof(IClassHub.SendChat), hub => hub.SendChat(clientMessageId, text)) is { } seq)
        {
            Record(parent.ParticipantId, ClassEventKind.ChatPosted, seq, chatText: text);
        }
        else
        {
            _unansweredChats[parent.ParticipantId] = (clientMessageId, text);
        }
    }

    private async Task CheckIn(ClassClient parent, CheckInStatus status)
    {
        if (await parent.TryCallAsync(nameof(IClassHub.CheckIn), hub => hub.CheckIn(status.ToString(), null)) is { } seq)
        {
            Record(parent.ParticipantId, ClassEventKind.CheckedIn, seq, checkIn: status);
        }
    }

    private void Record(string participantId, ClassEventKind kind, long seq, string? chatText = null, CheckInStatus? checkIn = null) =>
        _acks.Add(new Ack(participantId, kind, seq, chatText, checkIn));
}
