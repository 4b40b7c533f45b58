using System.Diagnostics.CodeAnalysis;
using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Server.Realtime;

/// <summary>
/// The one hub of the protocol. It stays thin: it knows whom each connection acts for, checks the
/// role, and calls the class grain with the arguments as sent; the rules, the arguments' among
/// them, live there. Rule violations surface as <see cref="LiveClassException"/> and leave as
/// coded hub errors.
/// </summary>
public sealed class ClassHub(
    IGrainFactory grains,
    SiloClassBridge bridge,
    LocalConnections connections,
    ConnectionOutboxes outboxes,
    TimeProvider time) : Hub<IClassClient>, IClassHub
{
    public async Task<JoinResult> JoinAsInstructor(string? classId, string? instructorKey)
    {
        if (!IsPlausibleId(classId))
        {
            throw LiveClassException.NotFound("no class has this id");
        }

        var result = await JoinClass(classId, session => session.JoinAsInstructor(instructorKey));
        await Bind(classId, result.ParticipantId, result.Role);
        return result;
    }

    public async Task<JoinResult> JoinAsParent(string? joinCode, string? displayName)
    {
        var classId = JoinCode.TryNormalize(joinCode, out var code)
            ? await grains.GetGrain<IJoinCodeGrain>(code).GetClassId()
            : null;
        if (classId is null)
        {
            throw LiveClassException.NotFound("no class has this join code");
        }

        var result = await JoinClass(classId, session => session.JoinAsParent(displayName));
        await Bind(classId, result.ParticipantId, result.Role);
        return result;
    }

    public async Task<RejoinResult> Rejoin(string? rejoinToken, long? lastSeq)
    {
        if (!RejoinToken.TryParse(rejoinToken, out var token)
            || !await grains.GetGrain<IParticipantGrain>(ParticipantKey.For(token.ClassId, token.ParticipantId)).VerifyToken(token.Secret))
        {
            throw LiveClassException.Forbidden("this rejoin token is not valid");
        }

        var result = await JoinClass(token.ClassId, session => session.Rejoin(token.ParticipantId, lastSeq ?? 0));
        await Bind(token.ClassId, result.ParticipantId, result.Role);
        return result;
    }

    public Task<long> StartClass() => AsInstructor((session, actor) => session.StartClass(actor));

    public Task<long> PauseClass() => AsInstructor((session, actor) => session.PauseClass(actor));

    public Task<long> ResumeClass() => AsInstructor((session, actor) => session.ResumeClass(actor));

    public Task<long> EndClass() => AsInstructor((session, actor) => session.EndClass(actor));

    public Task<long> GoToStep(int? index) => AsInstructor((session, actor) => session.GoToStep(actor, index));

    public Task<long> SendCue(string? kind, int? count, string? text) =>
        AsInstructor((session, actor) => session.SendCue(actor, kind, count, text));

    public Task<long> SetTempo(int? strokesPerMinute) =>
        AsInstructor((session, actor) => session.SetTempo(actor, strokesPerMinute));

    public Task<long> RemoveParticipant(string? participantId) =>
        AsInstructor((session, actor) => session.RemoveParticipant(actor, participantId));

    public Task<long> DeleteChat(string? messageId) =>
        AsInstructor((session, actor) => session.DeleteChat(actor, messageId));

    public Task<long> SendChat(string? clientMessageId, string? text)
    {
        var binding = RequireBinding();
        return binding.Session.SendChat(binding.ParticipantId, clientMessageId, text);
    }

    public Task<long> CheckIn(string? status, int? stepIndex)
    {
        var binding = RequireBinding();
        return binding.Session.CheckIn(binding.ParticipantId, status, stepIndex);
    }

    public async Task Leave()
    {
        var binding = RequireBinding();
        await binding.Session.Leave(binding.ParticipantId);
        await Unbind();
    }

    public Task<PingResult> Ping(long? clientTime) =>
        Task.FromResult(new PingResult(TextRules.Required(clientTime, "clientTime"), time.GetUtcNow().ToUnixTimeMilliseconds()));

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await Unbind();
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Starts the connection's membership of the class before asking the grain, so that no event
    /// between the grain's answer and the first live event can be missed (the client drops what
    /// the answer already holds); but until the join succeeds those events are only held, never
    /// sent, and a failed join drops them with the membership.
    /// </summary>
    private async Task<T> JoinClass<T>(string classId, Func<IClassSessionGrain, Task<T>> join)
    {
        var session = Session(classId);
        await bridge.EnsureSubscribedAsync(classId);
        bridge.BeginJoin(classId, Outbox);
        try
        {
            return await join(session);
        }
        catch
        {
            bridge.AbandonJoin(classId, Context.ConnectionId);
            throw;
        }
    }

    /// <summary>Makes the connection act for this participant, switching from whoever it acted for before.</summary>
    private async Task Bind(string classId, string participantId, ParticipantRole role)
    {
        var previous = connections.Get(Context.ConnectionId);
        if (previous is not null && (previous.ClassId != classId || previous.ParticipantId != participantId))
        {
            await Unbind(leaveClass: previous.ClassId != classId);
        }

        connections.Add(new ConnectionBinding(Context.ConnectionId, classId, participantId, role, Session(classId)));
        bridge.CompleteJoin(classId, Outbox, participantId);
        await bridge.ReportPresenceAsync(classId, participantId);
    }

    private async Task Unbind(bool leaveClass = true)
    {
        if (connections.Remove(Context.ConnectionId, out var binding))
        {
            if (leaveClass)
            {
                bridge.Leave(binding!.ClassId, Context.ConnectionId);
            }

            await bridge.ReportPresenceAsync(binding!.ClassId, binding.ParticipantId);
        }
    }

    private ConnectionOutbox Outbox =>
        outboxes.Get(Context.ConnectionId) ?? throw new InvalidOperationException("The connection has no outbox: is ClassHubLifetimeManager registered?");

    private Task<long> AsInstructor(Func<IClassSessionGrain, string, Task<long>> call)
    {
        var binding = RequireBinding();
        if (binding.Role != ParticipantRole.Instructor)
        {
            throw LiveClassException.Forbidden("only the instructor can do that");
        }

        return call(binding.Session, binding.ParticipantId);
    }

    private ConnectionBinding RequireBinding() =>
        connections.Get(Context.ConnectionId) ?? throw LiveClassException.NotJoined();

    private IClassSessionGrain Session(string classId) => grains.GetGrain<IClassSessionGrain>(classId);

    private static bool IsPlausibleId([NotNullWhen(true)] string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
