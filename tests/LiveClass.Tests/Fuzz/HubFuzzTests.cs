using System.Net;
using LiveClass.Contracts;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the hub: thousands of malformed calls over JSON and MessagePack, and garbage
/// frames, against a live class whose instructor and families keep making valid calls. Replay a
/// failure with LIVECLASS_FUZZ_SEED (and LIVECLASS_FUZZ_CALLS for the count).
/// </summary>
public sealed class HubFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 1414;
    private const int DefaultCalls = 10_000;
    private const int Rounds = 100;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Malformed_calls_change_nothing_and_disturb_no_family()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LIVECLASS_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var calls = int.TryParse(Environment.GetEnvironmentVariable("LIVECLASS_FUZZ_CALLS"), out var c) ? c : DefaultCalls;
        output.WriteLine($"seed {seed}, {calls} calls");

        await using var server = await LiveClassServer.StartAsync(
            // The malformed calls must reach every check rather than stop at the rate limits.
            [.. LiveClassServer.UnlimitedChanges, "Limits:MaxConnectionsPerFamily=1000"]);
        var created = await server.CreateClassAsync(instructorName: "Maya");
        var instructor = await ClassClient.ConnectAsync(server.BaseUrl, WireProtocol.MessagePack);
        var joined = await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        var stepCount = joined.Snapshot.Routine.Steps.Count;
        List<ClassClient> families = [];
        foreach (var (name, protocol) in new[] { ("The Garcias", WireProtocol.Json), ("The Okafors", WireProtocol.MessagePack), ("The Lindqvists", WireProtocol.Json) })
        {
            var family = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
            await family.JoinAsParentAsync(created.JoinCode, name);
            families.Add(family);
        }

        List<FuzzChannel> channels = [];
        foreach (var (i, protocol, isJoined) in new[] { (0, WireProtocol.Json, true), (1, WireProtocol.MessagePack, true), (2, WireProtocol.Json, false), (3, WireProtocol.MessagePack, false) })
        {
            var client = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
            if (isJoined)
            {
                await client.JoinAsParentAsync(created.JoinCode, $"Fuzzy {i}");
            }

            channels.Add(new FuzzChannel(server.BaseUrl, protocol, client, isJoined,
                new FuzzCalls(new Random(seed + 1 + i), created.JoinCode, created.ClassId, "Maya", client.Token ?? families[0].Token!)));
        }

        var garbage = new GarbageFrames(new Random(seed + 100), new Uri(server.BaseUrl.Replace("http", "ws", StringComparison.Ordinal).TrimEnd('/') + HubNames.Path));
        var model = new ExpectedClass();
        await instructor.Hub.StartClass();
        var valid = new Random(seed);
        var made = 0;

        for (var round = 0; round < Rounds; round++)
        {
            await MakeValidCallAsync(valid, model, instructor, families, stepCount);

            var share = (calls - made) / (Rounds - round);
            var frames = share / 20;
            var perChannel = (share - frames) / channels.Count;
            var sent = await Task.WhenAll(channels.Select(channel => channel.RunAsync(perChannel, round))
                .Append(SendGarbageAsync(garbage, frames)));
            made += sent.Sum();
        }

        output.WriteLine($"{made} malformed calls and frames; {channels.Sum(ch => ch.Reconnects)} fuzz connections closed by the server and reopened");
        Assert.True(made >= calls, $"only {made} of {calls} calls were made");
        var succeeded = channels.SelectMany(ch => ch.Succeeded).ToList();
        Assert.True(succeeded.Count == 0, $"seed {seed}: calls that should have failed succeeded:\n{string.Join("\n", succeeded)}");
        var uncoded = channels.SelectMany(ch => ch.Uncoded).ToList();
        Assert.True(uncoded.Count == 0, $"seed {seed}: refusals without a code:\n{string.Join("\n", uncoded.Take(20))}");

        // The server is up, every well-behaved participant is still on its first connection, in sync, with no gap.
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/healthz")).StatusCode);
        var snapshot = await server.SnapshotAsync(created.ClassId);
        foreach (var client in families.Append(instructor))
        {
            Assert.Equal(HubConnectionState.Connected, client.Connection.State);
            Assert.Single(client.WireSeqsByConnection);
            await client.WaitForSeqAsync(snapshot.Seq);
            Assert.Equal(0, client.Gaps);
        }

        snapshot = await SettledSnapshotAsync(server, created.ClassId, families.Append(instructor).ToList());
        foreach (var client in families.Append(instructor))
        {
            Assert.Equal(ClassText.Describe(snapshot), client.Mirror.Describe());
        }

        // The class is exactly what the valid calls made.
        var fuzzers = channels.Where(ch => ch.Joined).Select(ch => ch.Client.ParticipantId!).ToHashSet();
        Assert.Equal(ClassStatus.Live, snapshot.Status);
        Assert.Equal(model.Step, snapshot.StepIndex);
        Assert.Equal(model.Cue, snapshot.Cue is { } cue ? (cue.Kind, cue.Count, cue.Text) : null);
        Assert.Equal(model.Tempo, snapshot.Tempo?.StrokesPerMinute);
        Assert.Equal(
            families.Select(f => f.ParticipantId!).Append(instructor.ParticipantId!).Concat(fuzzers).Order(StringComparer.Ordinal),
            snapshot.Participants.Select(p => p.ParticipantId).Order(StringComparer.Ordinal));
        foreach (var participant in snapshot.Participants)
        {
            var expected = model.CheckIns.TryGetValue(participant.ParticipantId, out var checkIn) ? checkIn : ((CheckInStatus, int)?)null;
            Assert.Equal(expected, participant.CheckIn is { } actual ? (actual.Status, actual.StepIndex) : null);
        }

        Assert.Equal(model.Chat, snapshot.Chat.Select(m => (m.ParticipantId, m.Text)).ToList());

        foreach (var client in families.Append(instructor).Concat(channels.Select(ch => ch.Client)))
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>One valid call of the instructor or a family, recorded in the model.</summary>
    private static async Task MakeValidCallAsync(Random random, ExpectedClass model, ClassClient instructor, List<ClassClient> families, int stepCount)
    {
        switch (random.Next(7))
        {
            case 0:
                model.Step = random.Next(stepCount);
                await instructor.Hub.GoToStep(model.Step);
                break;
            case 1:
                (CueKind, int?, string?) cue = random.Next(3) switch
                {
                    0 => (CueKind.Slow, null, null),
                    1 => (CueKind.Repeat, 1 + random.Next(20), null),
                    _ => (CueKind.Custom, null, $"Breathe with your baby {random.Next(100)}"),
                };
                await instructor.Hub.SendCue(cue.Item1.ToString(), cue.Item2, cue.Item3);
                model.Cue = cue;
                break;
            case 2:
                var spm = random.Next(3) == 0 ? 0 : 10 + random.Next(51);
                await instructor.Hub.SetTempo(spm);
                model.Tempo = spm;
                break;
            case 6 when model.Chat.Count < 12:
                var speaker = random.Next(4) == 0 ? instructor : families[random.Next(families.Count)];
                var text = $"Lovely, step {model.Step} ({model.Chat.Count})";
                await speaker.Hub.SendChat($"valid-{model.Chat.Count}", text);
                model.Chat.Add((speaker.ParticipantId!, text));
                break;
            default:
                var family = families[random.Next(families.Count)];
                var status = (CheckInStatus)random.Next(Enum.GetValues<CheckInStatus>().Length);
                int? step = random.Next(2) == 0 ? null : random.Next(stepCount);
                await family.Hub.CheckIn(status.ToString(), step);
                model.CheckIns[family.ParticipantId!] = (status, step ?? model.Step);
                break;
        }
    }

    private static async Task<int> SendGarbageAsync(GarbageFrames garbage, int frames)
    {
        var sent = 0;
        while (sent < frames)
        {
            sent += await garbage.SendAsync(Math.Min(5, frames - sent), CancellationToken.None);
        }

        return sent;
    }

    /// <summary>A snapshot once presence has settled and every client has applied up to it.</summary>
    private static async Task<ClassSnapshot> SettledSnapshotAsync(LiveClassServer server, string classId, List<ClassClient> clients)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var snapshot = await server.SnapshotAsync(classId);
            foreach (var client in clients)
            {
                await client.WaitForSeqAsync(snapshot.Seq);
            }

            if ((await server.SnapshotAsync(classId)).Seq == snapshot.Seq || DateTime.UtcNow > deadline)
            {
                return snapshot;
            }

            await Task.Delay(500);
        }
    }

    private sealed class ExpectedClass
    {
        public int Step { get; set; }
        public (CueKind, int?, string?)? Cue { get; set; }
        public int? Tempo { get; set; }
        public Dictionary<string, (CheckInStatus, int)> CheckIns { get; } = [];
        public List<(string, string)> Chat { get; } = [];
    }

    /// <summary>One connection making malformed calls; reopened (and rejoined, if it acts for a family) whenever the server closes it.</summary>
    private sealed class FuzzChannel(string baseUrl, WireProtocol protocol, ClassClient client, bool joined, FuzzCalls calls)
    {
        private static readonly string[] Codes = [.. typeof(ErrorCodes).GetFields().Select(field => (string)field.GetRawConstantValue()! + ":")];

        public ClassClient Client { get; private set; } = client;
        public bool Joined { get; } = joined;
        public int Reconnects { get; private set; }
        public List<string> Succeeded { get; } = [];
        public List<string> Uncoded { get; } = [];

        public async Task<int> RunAsync(int count, int round)
        {
            for (var i = 0; i < count; i++)
            {
                var call = calls.Next(Joined);
                try
                {
                    await Client.Connection.InvokeCoreAsync<object?>(call.Method, call.Args).WaitAsync(CallTimeout);
                    if (call.Method != nameof(IClassHub.Ping))
                    {
                        Succeeded.Add($"round {round}, call {i}: {call}");
                    }
                }
                catch (HubException refused)
                {
                    // A message over the size limit closes the connection instead (rule 6).
                    var closed = refused.Message.StartsWith("The server closed the connection", StringComparison.Ordinal);
                    if (!closed && !Codes.Any(code => refused.Message.StartsWith(code, StringComparison.Ordinal)))
                    {
                        Uncoded.Add($"round {round}, call {i}: {call}: {refused.Message}");
                    }
                }
                catch (Exception) when (Client.Connection.State != HubConnectionState.Connected)
                {
                    // A message over the size limit closes the connection (rule 6).
                }

                if (Client.Connection.State != HubConnectionState.Connected)
                {
                    Reconnects++;
                    if (Joined)
                    {
                        await Client.ReconnectAsync();
                    }
                    else
                    {
                        await Client.DisposeAsync();
                        Client = await ClassClient.ConnectAsync(baseUrl, protocol);
                    }
                }
            }

            return count;
        }
    }
}
