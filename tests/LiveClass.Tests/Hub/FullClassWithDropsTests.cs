using LiveClass.Tests.Infrastructure;

namespace LiveClass.Tests.Hub;

/// <summary>
/// One instructor and twenty parents run a forty-step class; five parents drop at random moments
/// and come back, some on a new connection, some from "another device" with only their token.
/// </summary>
public sealed class FullClassWithDropsTests
{
    private const int ParentCount = 20;
    private const int StepCount = 40;
    private const int DropperCount = 5;

    [Theory]
    [InlineData(WireProtocol.MessagePack, 1)]
    [InlineData(WireProtocol.Json, 2)]
    public async Task Every_parent_ends_equal_to_the_server_and_applies_every_seq_exactly_once(WireProtocol protocol, int seed)
    {
        var random = new Random(seed);
        await using var server = await LiveClassServer.StartAsync("LiveClass:PresenceGracePeriod=00:00:00.300",
            // The instructor runs a whole class in seconds, far faster than a person could.
            "Limits:ChangesBurst=1000", "Limits:ChangesPerParticipantPerMinute=100000", "Limits:ChangesPerConnectionPerMinute=100000");
        var created = await server.CreateClassAsync(routineId: "full-body");
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);

        var parents = new List<ClassClient>();
        for (var i = 0; i < ParentCount; i++)
        {
            var parent = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
            await parent.JoinAsParentAsync(created.JoinCode, $"Family {i + 1}");
            parents.Add(parent);
        }

        // Some parents drop at a random step and come back one to three steps later.
        var droppers = parents.OrderBy(_ => random.Next()).Take(DropperCount).ToList();
        var dropAt = droppers.ToDictionary(p => p, _ => random.Next(2, StepCount - 4));
        var backAt = droppers.ToDictionary(p => p, p => dropAt[p] + random.Next(1, 4));
        var viaNewDevice = droppers.Take(2).ToHashSet();
        var active = new List<ClassClient>(parents);
        var acknowledged = new List<long>();

        acknowledged.Add(await instructor.Hub.StartClass());
        for (var step = 0; step < StepCount; step++)
        {
            acknowledged.Add(await instructor.Hub.GoToStep(step));
            if (step % 3 == 0)
            {
                acknowledged.Add(await instructor.Hub.SendCue("Repeat", 1 + (step % 3), null));
            }
            else if (step % 5 == 1)
            {
                acknowledged.Add(await instructor.Hub.SendCue("Custom", null, $"Lovely, step {step}"));
            }

            if (step % 10 == 0)
            {
                acknowledged.Add(await instructor.Hub.SetTempo(20 + step / 2));
            }

            // Parents act concurrently with each other and with the drops.
            var actions = new List<Task<long>>();
            var droppingNow = droppers.Where(p => dropAt[p] == step).ToHashSet();
            foreach (var parent in active.Where(p => !droppingNow.Contains(p) && random.Next(4) == 0).ToList())
            {
                actions.Add(parent.Hub.CheckIn(random.Next(2) == 0 ? "Following" : "Done", step));
            }

            // Each family chats now and then, well within the chat rate limit.
            foreach (var parent in active.Where(p => !droppingNow.Contains(p) && (step + parents.IndexOf(p)) % 13 == 0).ToList())
            {
                actions.Add(parent.Hub.SendChat($"{parent.ParticipantId}-{step}", $"Step {step} going well"));
            }

            // A parent drops while the others' calls and their events are still in flight.
            var drops = droppers.Where(p => dropAt[p] == step).ToList();
            active.RemoveAll(drops.Contains);
            var inFlight = Task.WhenAll(actions);
            await Task.WhenAll(drops.Select(p => p.DropAsync()));
            acknowledged.AddRange(await inFlight);

            foreach (var parent in droppers.Where(p => backAt[p] == step))
            {
                if (viaNewDevice.Contains(parent))
                {
                    // Another device knows only the token: it starts from nothing and gets a snapshot.
                    var device = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
                    var result = await device.RejoinAsync(parent.Token);
                    Assert.NotNull(result.Snapshot);
                    Assert.Equal(parent.ParticipantId, result.ParticipantId);
                    parents[parents.IndexOf(parent)] = device;
                    active.Add(device);
                }
                else
                {
                    var result = await parent.ReconnectAsync();
                    Assert.Null(result.Snapshot);
                    Assert.NotEmpty(result.Events);
                    active.Add(parent);
                }
            }
        }

        acknowledged.Add(await instructor.Hub.SendChat("closing", "Thank you all, see you next week"));

        // Let presence settle (everyone is back), then compare every parent with the server.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var snapshot = await server.SnapshotAsync(created.ClassId);
        Assert.All(snapshot.Participants, p => Assert.True(p.Online, $"{p.DisplayName} should be online"));
        Assert.Equal(ParentCount + 1, snapshot.Participants.Count);
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        Assert.All(acknowledged, seq => Assert.InRange(seq, 1, snapshot.Seq));

        var expected = ClassText.Describe(snapshot);
        foreach (var client in parents.Append(instructor))
        {
            await client.WaitForSeqAsync(snapshot.Seq);
            Assert.Equal(expected, client.Mirror.Describe());
            Assert.Equal(0, client.Gaps);

            // Applied one by one from its last snapshot, with nothing missing and nothing twice.
            var baseline = client.Baselines[^1];
            var sinceBaseline = client.Applied.SkipWhile(seq => seq <= baseline).ToList();
            Assert.Equal(Enumerable.Range((int)baseline + 1, (int)(snapshot.Seq - baseline)).Select(i => (long)i), sinceBaseline);
            Assert.Equal(client.Applied.Count, client.Applied.Distinct().Count());

            // No connection ever received an event twice or out of order.
            Assert.All(client.WireSeqsByConnection, seqs => Assert.True(seqs.SequenceEqual(seqs.Order().Distinct()), "wire order"));
        }

        foreach (var parent in droppers.Where(p => !viaNewDevice.Contains(p)))
        {
            // A parent that reconnected applied every seq since it first joined, across the drop.
            var first = parent.Baselines[0];
            Assert.Single(parent.Baselines);
            Assert.Equal(Enumerable.Range((int)first + 1, (int)(snapshot.Seq - first)).Select(i => (long)i), parent.Applied);
        }

        foreach (var client in parents)
        {
            await client.DisposeAsync();
        }
    }
}
