using LiveClass.Contracts;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.Tests.Hub;

/// <summary>
/// Every error code of rule 6, each limit of rule 7 and every instructor-only call made by a
/// parent: the call fails with the code, the connection stays open and nothing changes.
/// </summary>
public sealed class ErrorCodeTests
{
    public static TheoryData<WireProtocol, string, object?[]> InstructorCalls()
    {
        var data = new TheoryData<WireProtocol, string, object?[]>();
        foreach (var protocol in Enum.GetValues<WireProtocol>())
        {
            data.Add(protocol, nameof(IClassHub.StartClass), []);
            data.Add(protocol, nameof(IClassHub.PauseClass), []);
            data.Add(protocol, nameof(IClassHub.ResumeClass), []);
            data.Add(protocol, nameof(IClassHub.EndClass), []);
            data.Add(protocol, nameof(IClassHub.GoToStep), [1]);
            data.Add(protocol, nameof(IClassHub.SendCue), ["Slow", null, null]);
            // The role is checked before the arguments: no kind of cue is a parent's to send.
            data.Add(protocol, nameof(IClassHub.SendCue), ["NoSuchCue", null, null]);
            data.Add(protocol, nameof(IClassHub.SetTempo), [30]);
            data.Add(protocol, nameof(IClassHub.RemoveParticipant), ["someone"]);
            data.Add(protocol, nameof(IClassHub.DeleteChat), ["some-message"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InstructorCalls))]
    public async Task A_parent_making_an_instructor_call_is_forbidden(WireProtocol protocol, string method, object?[] args)
    {
        await using var klass = await RunningClass.StartAsync(protocol);
        await klass.ExpectErrorAsync(klass.Parent, "forbidden:", method, args);
    }

    [Theory]
    [EveryWireProtocol]
    public async Task A_number_a_call_needs_sent_as_null_is_invalid(WireProtocol protocol)
    {
        // A client sends an absent argument as null; where the call needs it, that is a bad argument.
        await using var klass = await RunningClass.StartAsync(protocol);
        await klass.ExpectErrorAsync(klass.Instructor, "invalid:", nameof(IClassHub.GoToStep), [null]);
        await klass.ExpectErrorAsync(klass.Instructor, "invalid:", nameof(IClassHub.SetTempo), [null]);
        await klass.ExpectErrorAsync(klass.Parent, "invalid:", nameof(IClassHub.Ping), [null]);
    }

    [Theory]
    [EveryWireProtocol]
    public async Task Calls_signalr_cannot_bind_are_invalid_and_name_the_method(WireProtocol protocol)
    {
        await using var klass = await RunningClass.StartAsync(protocol);
        var parent = klass.Parent;
        await klass.ExpectErrorAsync(parent, "invalid: the hub has no method 'NoSuch", "NoSuchMethod", 1);
        await klass.ExpectErrorAsync(parent, "invalid: the hub has no method 'OnConn", "OnConnectedAsync");
        await klass.ExpectErrorAsync(parent, "invalid: 'CheckIn' was sent arguments it does not take", nameof(IClassHub.CheckIn), "Ready");
        await klass.ExpectErrorAsync(parent, "invalid: 'CheckIn' was sent arguments it does not take", nameof(IClassHub.CheckIn), "Ready", null, "extra");
        await klass.ExpectErrorAsync(parent, "invalid: 'Ping' was sent arguments it does not take", nameof(IClassHub.Ping));
        await klass.ExpectErrorAsync(parent, "invalid: 'SendChat' was sent arguments it does not take", nameof(IClassHub.SendChat), new[] { 1, 2 }, true);
        var longName = new string('M', 500);
        var error = await Assert.ThrowsAsync<HubException>(() => parent.Connection.InvokeCoreAsync<object>(longName, []));
        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Theory]
    [EveryWireProtocol]
    public async Task Bad_arguments_are_invalid(WireProtocol protocol)
    {
        await using var klass = await RunningClass.StartAsync(protocol);
        var i = klass.Instructor;
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.GoToStep), -1);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.GoToStep), 10_000);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SendCue), "Faster", null, null);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SendCue), "3", null, null);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SendCue), "Repeat", null, null);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SendCue), "Repeat", 21, null);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SendCue), "Repeat", 0, null);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SendCue), "Slow", 2, null);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SendCue), "Custom", null, "");
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SendCue), "Custom", null, new string('a', 141));
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SetTempo), 9);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.SetTempo), 61);
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.PauseClass));
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.ResumeClass));
        await klass.ExpectErrorAsync(i, "invalid:", nameof(IClassHub.RemoveParticipant), i.ParticipantId);
        await klass.ExpectErrorAsync(klass.Parent, "invalid:", nameof(IClassHub.CheckIn), "Sleepy", null);
        await klass.ExpectErrorAsync(klass.Parent, "invalid:", nameof(IClassHub.CheckIn), "Ready", 999);
        await klass.ExpectErrorAsync(klass.Parent, "invalid:", nameof(IClassHub.SendChat), "c1", "   ");
        await klass.ExpectErrorAsync(klass.Parent, "invalid:", nameof(IClassHub.SendChat), "c1", new string('x', 501));
        await klass.ExpectErrorAsync(klass.Parent, "invalid:", nameof(IClassHub.SendChat), "", "hello");
        await klass.ExpectErrorAsync(klass.Parent, "invalid:", nameof(IClassHub.SendChat), new string('c', 65), "hello");

        await using var stranger = await klass.ConnectAsync();
        await klass.ExpectErrorAsync(stranger, "invalid:", nameof(IClassHub.JoinAsParent), klass.Created.JoinCode, "");
        await klass.ExpectErrorAsync(stranger, "invalid:", nameof(IClassHub.JoinAsParent), klass.Created.JoinCode, new string('n', 41));

        // The limits' edges are accepted.
        Assert.True(await i.Hub.SetTempo(10) > 0);
        Assert.True(await i.Hub.SetTempo(60) > 0);
        Assert.True(await i.Hub.SetTempo(0) > 0);
        Assert.True(await i.Hub.SendCue("Repeat", 20, null) > 0);
        Assert.True(await i.Hub.SendCue("Custom", null, new string('a', 140)) > 0);
        Assert.True(await klass.Parent.Hub.SendChat("edge", new string('x', 500)) > 0);
        var forty = await stranger.JoinAsParentAsync(klass.Created.JoinCode, new string('n', 40));
        Assert.Equal(40, forty.Snapshot.Participants.Single(p => p.ParticipantId == forty.ParticipantId).DisplayName.Length);
    }

    /// <summary>
    /// A call refused with <see cref="Code"/>: made by a connection that has not joined, or by the
    /// instructor, with arguments taken from the running class.
    /// </summary>
    public sealed record RefusedCall(string Code, string Case, bool ByInstructor, string Method, Func<RunningClass, object?[]> Args)
    {
        public override string ToString() => $"{Code} {Case}";
    }

    private static readonly RefusedCall[] Refused =
    [
        new("not_found:", "an unknown join code", false, nameof(IClassHub.JoinAsParent), _ => ["ZZZ-ZZZ", "Family"]),
        new("not_found:", "a join code that is not one", false, nameof(IClassHub.JoinAsParent), _ => ["not a code", "Family"]),
        new("not_found:", "an unknown class", false, nameof(IClassHub.JoinAsInstructor), _ => ["AAAAAAAAAAAAAAAAAAAAAA", "key"]),
        new("not_found:", "a class id that is not one", false, nameof(IClassHub.JoinAsInstructor), _ => ["../../etc", "key"]),
        new("not_found:", "an unknown message", true, nameof(IClassHub.DeleteChat), _ => ["no-such-message"]),
        new("not_found:", "an unknown family", true, nameof(IClassHub.RemoveParticipant), _ => ["no-such-family"]),
        new("forbidden:", "a wrong instructor key", false, nameof(IClassHub.JoinAsInstructor), k => [k.Created.ClassId, "wrong-key"]),
        new("forbidden:", "no instructor key", false, nameof(IClassHub.JoinAsInstructor), k => [k.Created.ClassId, null]),
        new("forbidden:", "a token that is not one", false, nameof(IClassHub.Rejoin), _ => ["garbage", 0L]),
        new("forbidden:", "a token with a changed secret", false, nameof(IClassHub.Rejoin), k => [k.Parent.Token![..^2] + "xx", 0L]),
        new("forbidden:", "a forged token", false, nameof(IClassHub.Rejoin),
            k => [$"{k.Created.ClassId}.{k.Parent.ParticipantId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0L]),
        new("not_joined:", "chat before joining", false, nameof(IClassHub.SendChat), _ => ["c1", "hello"]),
        new("not_joined:", "a check-in before joining", false, nameof(IClassHub.CheckIn), _ => ["Ready", null]),
        new("not_joined:", "starting before joining", false, nameof(IClassHub.StartClass), _ => []),
        new("not_joined:", "a cue of no known kind before joining", false, nameof(IClassHub.SendCue), _ => ["NoSuchCue", null, null]),
        new("not_joined:", "leaving before joining", false, nameof(IClassHub.Leave), _ => []),
    ];

    public static TheoryData<WireProtocol, RefusedCall> RefusedCalls()
    {
        var data = new TheoryData<WireProtocol, RefusedCall>();
        foreach (var protocol in Enum.GetValues<WireProtocol>())
        {
            foreach (var call in Refused)
            {
                data.Add(protocol, call);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedCalls))]
    public async Task Unknown_ids_wrong_secrets_and_calls_before_joining_are_refused_with_their_code(WireProtocol protocol, RefusedCall call)
    {
        await using var klass = await RunningClass.StartAsync(protocol);
        await using var stranger = await klass.ConnectAsync();
        await klass.ExpectErrorAsync(call.ByInstructor ? klass.Instructor : stranger, call.Code, call.Method, call.Args(klass));
    }

    [Theory]
    [EveryWireProtocol]
    public async Task A_sixth_chat_message_within_ten_seconds_is_rate_limited_and_a_resend_is_not(WireProtocol protocol)
    {
        await using var klass = await RunningClass.StartAsync(protocol);
        var seqs = new List<long>();
        for (var n = 0; n < 5; n++)
        {
            seqs.Add(await klass.Parent.Hub.SendChat($"m{n}", $"message {n}"));
        }

        // Sending the same clientMessageId again answers the same seq and does not count.
        Assert.Equal(seqs[2], await klass.Parent.Hub.SendChat("m2", "message 2"));
        await klass.ExpectErrorAsync(klass.Parent, "rate_limited:", nameof(IClassHub.SendChat), "m5", "one too many");

        // The instructor is limited too, separately from the parent.
        for (var n = 0; n < 5; n++)
        {
            await klass.Instructor.Hub.SendChat($"i{n}", $"note {n}");
        }

        await klass.ExpectErrorAsync(klass.Instructor, "rate_limited:", nameof(IClassHub.SendChat), "i5", "one too many");
    }

    [Theory]
    [EveryWireProtocol]
    public async Task An_ended_class_only_answers_rejoin_ping_and_leave(WireProtocol protocol)
    {
        await using var klass = await RunningClass.StartAsync(protocol);
        await klass.Instructor.Hub.StartClass();
        await klass.Instructor.Hub.EndClass();
        await klass.ExpectErrorAsync(klass.Parent, "class_ended:", nameof(IClassHub.SendChat), "c1", "hello?");
        await klass.ExpectErrorAsync(klass.Parent, "class_ended:", nameof(IClassHub.CheckIn), "Done", null);
        await klass.ExpectErrorAsync(klass.Instructor, "class_ended:", nameof(IClassHub.GoToStep), 2);
        await klass.ExpectErrorAsync(klass.Instructor, "class_ended:", nameof(IClassHub.StartClass));
        // Whatever the arguments: the class's status is checked before them.
        await klass.ExpectErrorAsync(klass.Parent, "class_ended:", nameof(IClassHub.CheckIn), "NoSuchStatus", null);
        await klass.ExpectErrorAsync(klass.Parent, "class_ended:", nameof(IClassHub.SendChat), null, "");
        await klass.ExpectErrorAsync(klass.Instructor, "class_ended:", nameof(IClassHub.GoToStep), [null]);
        await klass.ExpectErrorAsync(klass.Instructor, "class_ended:", nameof(IClassHub.SetTempo), [null]);
        await klass.ExpectErrorAsync(klass.Instructor, "class_ended:", nameof(IClassHub.SendCue), "NoSuchCue", null, null);
        await using var late = await klass.ConnectAsync();
        await klass.ExpectErrorAsync(late, "class_ended:", nameof(IClassHub.JoinAsParent), klass.Created.JoinCode, "Late family");
        await klass.ExpectErrorAsync(late, "class_ended:", nameof(IClassHub.JoinAsInstructor), klass.Created.ClassId, klass.Created.InstructorKey);

        await using var device = await klass.ConnectAsync();
        var rejoin = await device.RejoinAsync(klass.Parent.Token);
        Assert.Equal(ClassStatus.Ended, rejoin.Snapshot!.Status);
        Assert.Empty(rejoin.Events);
        Assert.True((await device.Hub.Ping(5L)).ServerTime > 0);
        await device.Hub.Leave();
    }

    [Theory]
    [EveryWireProtocol]
    public async Task A_full_class_refuses_one_more_family(WireProtocol protocol)
    {
        await using var klass = await RunningClass.StartAsync(protocol, "LiveClass:MaxParents=2");
        await using var second = await klass.ConnectAsync();
        await second.JoinAsParentAsync(klass.Created.JoinCode, "Second family");
        await using var third = await klass.ConnectAsync();
        await klass.ExpectErrorAsync(third, "class_full:", nameof(IClassHub.JoinAsParent), klass.Created.JoinCode, "Third family");

        // The instructor does not take a family's place, and a family that leaves frees one.
        await second.Hub.Leave();
        await third.JoinAsParentAsync(klass.Created.JoinCode, "Third family");
        await klass.ExpectErrorAsync(second, "class_full:", nameof(IClassHub.Rejoin), second.Token, 0L);
    }

    [Theory]
    [EveryWireProtocol]
    public async Task A_message_over_the_size_limit_closes_the_connection_and_the_server_stays_up(WireProtocol protocol)
    {
        await using var klass = await RunningClass.StartAsync(protocol);
        var closed = new TaskCompletionSource<Exception?>();
        klass.Parent.Connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };

        _ = klass.Parent.Hub.SendChat("huge", new string('x', 40 * 1024));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, klass.Parent.Connection.State);

        // Nothing was posted, and everyone else carries on.
        Assert.Empty((await klass.Server.SnapshotAsync(klass.Created.ClassId)).Chat);
        Assert.True(await klass.Instructor.Hub.SendChat("still-here", "Still here") > 0);
    }
}
