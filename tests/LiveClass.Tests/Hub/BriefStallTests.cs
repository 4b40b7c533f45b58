using LiveClass.Contracts;
using LiveClass.Grains.Observability;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Hub;

/// <summary>
/// A phone on a poor link stops reading for a few seconds (its socket's buffers full, the server's
/// writes to it waiting) while it checks in, and then reads again. With stateful reconnect the
/// server acknowledges the check-in on a timer of its own while an event's write still waits;
/// the connection must carry both and stay up: nothing is missing, nothing comes twice, and no
/// reconnect is needed.
/// </summary>
public sealed class BriefStallTests
{
    private static readonly string[] Settings =
        [.. LiveClassServer.UnlimitedChanges, "Delivery:MaxQueueAge=00:01:00", "LiveClass:EventLogCapacity=50000"];

    /// <summary>
    /// The server's sockets get a send buffer of a slow link's size: on loopback the kernel would
    /// otherwise take megabytes before the transport has to wait.
    /// </summary>
    private static void SmallSendBuffers(IServiceCollection services) =>
        services.Configure<SocketTransportOptions>(options => options.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = 16 * 1024;
            return socket;
        });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_phone_that_stalls_while_it_checks_in_keeps_its_connection_and_gets_everything_in_order(bool statefulReconnect)
    {
        await using var server = await LiveClassServer.StartAsync(SmallSendBuffers, Settings);
        var created = await server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await instructor.Hub.StartClass();
        await using var phone = await RawHubClient.ConnectAsync(server.BaseUrl, receiveBufferSize: 4096, statefulReconnect);
        var joined = await phone.JoinAsParentAsync(created.JoinCode, "The sleepy phone");

        await StallWhileCheckingInAsync(server, instructor, phone, joined);
        if (statefulReconnect)
        {
            // Join and check-in: the acknowledgement came while the event's write waited.
            Assert.Equal(2, phone.AcknowledgedUpTo);
        }
    }

    [Fact]
    public async Task After_a_stateful_reconnect_the_phone_gets_what_it_missed_once_and_can_stall_again()
    {
        await using var server = await LiveClassServer.StartAsync(SmallSendBuffers, Settings);
        var created = await server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await instructor.Hub.StartClass();
        await using var phone = await RawHubClient.ConnectAsync(server.BaseUrl, receiveBufferSize: 4096, statefulReconnect: true);
        var joined = await phone.JoinAsParentAsync(created.JoinCode, "The sleepy phone");
        long last = 0;
        for (var i = 0; i < 20; i++)
        {
            last = await instructor.Hub.SendCue(nameof(CueKind.Slow), null, null);
        }

        await phone.ReadUntilSeqAsync(last, TimeSpan.FromSeconds(10));

        // The Wi-Fi drops for a moment while the class goes on; the phone comes back to the same
        // connection, and the server sends again what the phone had not acknowledged (all of it:
        // it never acknowledges), of which the phone keeps only what it had not read.
        await phone.DropAndResumeAsync();
        for (var i = 0; i < 20; i++)
        {
            last = await instructor.Hub.SendCue(nameof(CueKind.Repeat), 3, null);
        }

        await phone.ReadUntilSeqAsync(last, TimeSpan.FromSeconds(10));
        Assert.Null(phone.ClosedWith);
        Assert.True(phone.ResentDropped > 20, $"only {phone.ResentDropped} messages came again: the phone did not resume its connection");
        AssertEveryEventOnce(phone, joined, last);

        // The transport it came back on takes its flushes in turn as well.
        await StallWhileCheckingInAsync(server, instructor, phone, joined);
        Assert.Equal(2, phone.AcknowledgedUpTo);
    }

    /// <summary>
    /// The phone reads nothing while the instructor sends cues until the kernel's buffers and the
    /// transport's are full and its outbox holds events behind a write that waits; it checks in,
    /// so the server owes it an acknowledgement, and stays stalled past two of the server's
    /// acknowledgement ticks while the class goes on. Then it reads again: same connection,
    /// every event once, in order.
    /// </summary>
    private static async Task StallWhileCheckingInAsync(LiveClassServer server, ClassClient instructor, RawHubClient phone, JoinResult joined)
    {
        using var depth = new OutboxDepthGauge(server.Services.GetRequiredService<LiveClassMetrics>());
        depth.Read();
        var text = new string('m', 140);
        long last = 0;
        var deepest = 0;
        for (var i = 0; i < 5000 && deepest < 20; i++)
        {
            last = await instructor.Hub.SendCue(nameof(CueKind.Custom), null, text);
            if (i % 50 == 49)
            {
                deepest = Math.Max(deepest, depth.Read());
            }
        }

        Assert.True(deepest >= 20, "the phone's link never made the server wait: nothing was tested");

        await phone.CheckInWithoutWaitingAsync(CheckInStatus.Following);
        var stalledUntil = DateTime.UtcNow.AddSeconds(2.5);
        while (DateTime.UtcNow < stalledUntil)
        {
            last = await instructor.Hub.SendCue(nameof(CueKind.Custom), null, text);
            await Task.Delay(20);
        }

        await phone.ReadUntilSeqAsync(last, TimeSpan.FromSeconds(60));

        Assert.Null(phone.ClosedWith);
        AssertEveryEventOnce(phone, joined, last);
        Assert.Contains(phone.Events, e => e.Kind == ClassEventKind.CheckedIn && e.ParticipantId == joined.ParticipantId);
    }

    /// <summary>Every event after the join's snapshot up to <paramref name="last"/>, each once, in order.</summary>
    private static void AssertEveryEventOnce(RawHubClient phone, JoinResult joined, long last)
    {
        // The family's own join comes live too, at the snapshot's seq, as to every client.
        var seqs = phone.Events.Select(e => e.Seq).Where(seq => seq > joined.Snapshot.Seq).ToList();
        var expected = Enumerable.Range(1, (int)(last - joined.Snapshot.Seq)).Select(n => joined.Snapshot.Seq + n);
        Assert.Equal(expected, seqs);
    }
}
