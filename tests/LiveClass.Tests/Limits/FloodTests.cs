using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Tests.Limits;

/// <summary>
/// Class creation, code guessing and check-ins at ten times their limits (the defaults) while a
/// real class runs: the limits hold, the class's events reach its families with a p99 under
/// 100 ms, and the server's live heap returns to within 10 % of where it started. The flood lasts
/// LIVECLASS_FLOOD_SECONDS (30 by default).
/// </summary>
[Collection(MeasuredLatencyCollection.Name)]
public sealed class FloodTests(ITestOutputHelper output)
{
    private const int CreationsPerMinute = 10;
    private const int LookupsPerMinute = 60;
    private const int CheckInsPerMinute = 120;
    private const int Flooders = 3;

    [Fact]
    public async Task A_flood_at_ten_times_the_limits_is_refused_and_a_real_class_does_not_notice()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("LIVECLASS_FLOOD_SECONDS"), out var s) ? s : 30;
        var duration = TimeSpan.FromSeconds(seconds);
        await using var server = await LiveClassServer.StartAsync(
            // The defaults, set again over the test servers' raised per-address limits.
            $"Limits:ClassCreationsPerMinute={CreationsPerMinute}", $"Limits:ClassLookupsPerMinute={LookupsPerMinute}",
            "Limits:JoinsPerMinute=60", $"Limits:ChangesPerParticipantPerMinute={CheckInsPerMinute}", "Limits:ChangesBurst=20");

        // The real class: an instructor and five families.
        var created = await server.CreateClassAsync();
        var instructor = await ClassClient.ConnectAsync(server.BaseUrl, WireProtocol.MessagePack);
        var joined = await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        var steps = joined.Snapshot.Routine.Steps.Count;
        var received = new List<(long Seq, long At)>();
        List<ClassClient> families = [];
        for (var i = 0; i < 5; i++)
        {
            var family = await ClassClient.ConnectAsync(server.BaseUrl, i % 2 == 0 ? WireProtocol.Json : WireProtocol.MessagePack);
            family.EventReceived += evt =>
            {
                lock (received)
                {
                    received.Add((evt.Seq, Stopwatch.GetTimestamp()));
                }
            };
            await family.JoinAsParentAsync(created.JoinCode, $"Family {i}");
            families.Add(family);
        }

        var flooders = new List<ClassClient>();
        for (var i = 0; i < Flooders; i++)
        {
            var flooder = await ClassClient.ConnectAsync(server.BaseUrl);
            await flooder.JoinAsParentAsync(created.JoinCode, $"Flooder {i}");
            flooders.Add(flooder);
        }

        await instructor.Hub.StartClass();
        // Warm up: the first use of each path compiles it, which is not what this test measures.
        await RunClassAsync(() => instructor.Hub.GoToStep(1), TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(2), []);
        (await server.Http.PostAsJsonAsync("/api/classes", new { title = "Warm", instructorName = "Eve" })).EnsureSuccessStatusCode();
        await server.Http.GetAsync($"/api/classes/{RandomCode()}");
        foreach (var client in families.Concat(flooders))
        {
            await client.Hub.CheckIn("Ready", null);
        }

        var heapBefore = LiveHeap();

        using var stop = new CancellationTokenSource(duration);
        var creations = Flood(TimeSpan.FromMinutes(1) / (CreationsPerMinute * 10), stop.Token, async () =>
            (await server.Http.PostAsJsonAsync("/api/classes", new { title = "Flood", instructorName = "Eve" })).StatusCode);
        var guesses = Flood(TimeSpan.FromMinutes(1) / (LookupsPerMinute * 10), stop.Token, async () =>
            (await server.Http.GetAsync($"/api/classes/{RandomCode()}")).StatusCode);
        var checkIns = flooders.Select(flooder => Flood(TimeSpan.FromMinutes(1) / (CheckInsPerMinute * 10), stop.Token, async () =>
        {
            try
            {
                await flooder.Hub.CheckIn("Ready", null);
                return HttpStatusCode.OK;
            }
            catch (HubException e) when (e.Message.StartsWith("rate_limited:", StringComparison.Ordinal))
            {
                return HttpStatusCode.TooManyRequests;
            }
        })).ToList();
        var sent = new List<(long Seq, long At)>();
        var stepping = 0;
        await Task.WhenAll(families
            .Select((family, i) => RunClassAsync(() => family.Hub.CheckIn(i % 2 == 0 ? "Following" : "Done", null), TimeSpan.FromMilliseconds(1000), duration, sent))
            .Append(RunClassAsync(() => instructor.Hub.GoToStep(++stepping % steps), TimeSpan.FromMilliseconds(600), duration, sent)));
        var created_ = await creations;
        var guessed = await guesses;
        var checkedIn = await Task.WhenAll(checkIns);

        // The limits held: about ten times as many requests as allowed, and no more accepted than the limit allows.
        var minutes = duration.TotalMinutes;
        AssertLimited("class creations", created_, HttpStatusCode.Created, CreationsPerMinute + CreationsPerMinute * minutes);
        AssertLimited("code guesses", guessed, HttpStatusCode.NotFound, LookupsPerMinute + LookupsPerMinute * minutes);
        foreach (var flooder in checkedIn)
        {
            AssertLimited("check-ins", flooder, HttpStatusCode.OK, 20 + CheckInsPerMinute * minutes);
        }

        // The real class kept its pace: every event reached every family, p99 under 100 ms.
        foreach (var family in families)
        {
            await family.WaitForSeqAsync(sent.Max(x => x.Seq));
            Assert.Equal(0, family.Gaps);
        }

        List<double> latencies;
        lock (received)
        {
            var sentAt = sent.ToDictionary(x => x.Seq, x => x.At);
            latencies = received.Where(r => sentAt.ContainsKey(r.Seq))
                .Select(r => Stopwatch.GetElapsedTime(sentAt[r.Seq], r.At).TotalMilliseconds).Order().ToList();
        }

        Assert.Equal(sent.Count * families.Count, latencies.Count);
        var p99 = latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
        output.WriteLine($"{sent.Count} events to {families.Count} families during the flood: p50 {latencies[latencies.Count / 2]:0.0} ms, p99 {p99:0.0} ms, max {latencies[^1]:0.0} ms");
        Assert.True(p99 < 100, $"p99 {p99:0.0} ms");

        // Once the flood stops, the server's live heap returns to within 10 % of where it started.
        foreach (var flooder in flooders)
        {
            await flooder.DisposeAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long heapAfter;
        while ((heapAfter = LiveHeap()) > heapBefore * 1.1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
        }

        output.WriteLine($"live heap before the flood {heapBefore / 1024 / 1024.0:0.0} MiB, after {heapAfter / 1024 / 1024.0:0.0} MiB");
        Assert.True(heapAfter <= heapBefore * 1.1, $"live heap {heapAfter} bytes after the flood, {heapBefore} before");

        foreach (var client in families.Append(instructor))
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>
    /// One member of the real class acting at a person's pace, within their own limit (the
    /// instructor steps every 600 ms, each family checks in every second), recording when each of
    /// its events was sent.
    /// </summary>
    private static async Task RunClassAsync(Func<Task<long>> call, TimeSpan interval, TimeSpan duration, List<(long Seq, long At)> sent)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            var at = Stopwatch.GetTimestamp();
            var seq = await call();
            lock (sent)
            {
                sent.Add((seq, at));
            }

            await Task.Delay(interval);
        }
    }

    /// <summary>Makes a request every <paramref name="interval"/> until stopped, counting the answers by status.</summary>
    private static async Task<Dictionary<HttpStatusCode, int>> Flood(TimeSpan interval, CancellationToken stop, Func<Task<HttpStatusCode>> request)
    {
        var counts = new Dictionary<HttpStatusCode, int>();
        var started = Stopwatch.GetTimestamp();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var status = await request();
            counts[status] = counts.GetValueOrDefault(status) + 1;
            var due = interval * (n + 1) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        return counts;
    }

    private void AssertLimited(string what, Dictionary<HttpStatusCode, int> counts, HttpStatusCode accepted, double allowed)
    {
        var total = counts.Values.Sum();
        var ok = counts.GetValueOrDefault(accepted);
        output.WriteLine($"{what}: {total} made, {ok} accepted, {counts.GetValueOrDefault(HttpStatusCode.TooManyRequests)} refused");
        Assert.True(ok <= allowed + 1, $"{what}: {ok} accepted, at most {allowed:0} allowed");
        Assert.True(counts.GetValueOrDefault(HttpStatusCode.TooManyRequests) > 0, $"{what}: none refused");
        Assert.Equal(total, ok + counts.GetValueOrDefault(HttpStatusCode.TooManyRequests));
    }

    private static string RandomCode()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Concat(Enumerable.Range(0, 6).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
    }

    /// <summary>The managed heap still reachable after a full collection: the server shares this process with the test.</summary>
    private static long LiveHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
