using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.Client;

/// <summary>
/// The class hub's calls over one SignalR connection, typed by <see cref="IClassHub"/>. A call the
/// server refuses throws a <see cref="Microsoft.AspNetCore.SignalR.HubException"/> whose message
/// starts with its error code (<see cref="ErrorCodes"/>).
/// </summary>
public sealed class ClassHubConnection(HubConnection connection) : IClassHub
{
    /// <summary>The SignalR connection the calls go over.</summary>
    public HubConnection Connection { get; } = connection;

    /// <summary>Calls <paramref name="handler"/> for every <see cref="IClassClient.ClassEvent"/> the server sends; dispose the result to stop.</summary>
    public IDisposable OnClassEvent(Action<ClassEvent> handler) =>
        Connection.On(nameof(IClassClient.ClassEvent), handler);

    /// <inheritdoc />
    public Task<JoinResult> JoinAsInstructor(string? classId, string? instructorKey) =>
        Connection.InvokeAsync<JoinResult>(nameof(IClassHub.JoinAsInstructor), classId, instructorKey);

    /// <inheritdoc />
    public Task<JoinResult> JoinAsParent(string? joinCode, string? displayName) =>
        Connection.InvokeAsync<JoinResult>(nameof(IClassHub.JoinAsParent), joinCode, displayName);

    /// <inheritdoc />
    public Task<RejoinResult> Rejoin(string? rejoinToken, long? lastSeq) =>
        Connection.InvokeAsync<RejoinResult>(nameof(IClassHub.Rejoin), rejoinToken, lastSeq);

    /// <inheritdoc />
    public Task<long> StartClass() => Connection.InvokeAsync<long>(nameof(IClassHub.StartClass));

    /// <inheritdoc />
    public Task<long> PauseClass() => Connection.InvokeAsync<long>(nameof(IClassHub.PauseClass));

    /// <inheritdoc />
    public Task<long> ResumeClass() => Connection.InvokeAsync<long>(nameof(IClassHub.ResumeClass));

    /// <inheritdoc />
    public Task<long> EndClass() => Connection.InvokeAsync<long>(nameof(IClassHub.EndClass));

    /// <inheritdoc />
    public Task<long> GoToStep(int? index) => Connection.InvokeAsync<long>(nameof(IClassHub.GoToStep), index);

    /// <inheritdoc />
    public Task<long> SendCue(string? kind, int? count, string? text) =>
        Connection.InvokeAsync<long>(nameof(IClassHub.SendCue), kind, count, text);

    /// <inheritdoc />
    public Task<long> SetTempo(int? strokesPerMinute) =>
        Connection.InvokeAsync<long>(nameof(IClassHub.SetTempo), strokesPerMinute);

    /// <inheritdoc />
    public Task<long> RemoveParticipant(string? participantId) =>
        Connection.InvokeAsync<long>(nameof(IClassHub.RemoveParticipant), participantId);

    /// <inheritdoc />
    public Task<long> DeleteChat(string? messageId) =>
        Connection.InvokeAsync<long>(nameof(IClassHub.DeleteChat), messageId);

    /// <inheritdoc />
    public Task<long> SendChat(string? clientMessageId, string? text) =>
        Connection.InvokeAsync<long>(nameof(IClassHub.SendChat), clientMessageId, text);

    /// <inheritdoc />
    public Task<long> CheckIn(string? status, int? stepIndex) =>
        Connection.InvokeAsync<long>(nameof(IClassHub.CheckIn), status, stepIndex);

    /// <inheritdoc />
    public Task Leave() => Connection.InvokeAsync(nameof(IClassHub.Leave));

    /// <inheritdoc />
    public Task<PingResult> Ping(long? clientTime) => Connection.InvokeAsync<PingResult>(nameof(IClassHub.Ping), clientTime);
}
