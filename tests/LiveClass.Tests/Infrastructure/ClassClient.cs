using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Infrastructure;

/// <summary>
/// A participant's client over the real SignalR .NET client: one hub connection at a time, a
/// <see cref="ClassMirror"/> kept by the protocol's rules, and the raw seqs each connection received.
/// </summary>
public sealed class ClassClient : IAsyncDisposable
{
    private readonly string _baseUrl;
    private readonly WireProtocol _protocol;
    private readonly Lock _gate = new();
    private readonly List<ClassEvent> _buffer = [];
    private HubConnection? _connection;
    private List<long> _wireSeqs = [];
    private bool _synced;

    private ClassClient(string baseUrl, WireProtocol protocol, ClassMirror mirror)
    {
        _baseUrl = baseUrl;
        _protocol = protocol;
        Mirror = mirror;
    }

    public ClassMirror Mirror { get; }
    public string? ParticipantId { get; private set; }
    public string? Token { get; private set; }
    public ParticipantRole Role { get; private set; }
    public int Gaps { get; private set; }

    /// <summary>The seqs received on each connection this client opened, in arrival order.</summary>
    public List<List<long>> WireSeqsByConnection { get; } = [];

    public HubConnection Connection => _connection ?? throw new InvalidOperationException("Not connected.");

    public event Action<ClassEvent>? EventReceived;

    public static async Task<ClassClient> ConnectAsync(string baseUrl, WireProtocol protocol = WireProtocol.MessagePack, ClassMirror? mirror = null)
    {
        var client = new ClassClient(baseUrl, protocol, mirror ?? new ClassMirror());
        await client.OpenAsync();
        return client;
    }

    public async Task<JoinResult> JoinAsParentAsync(string joinCode, string displayName)
    {
        BeginSync();
        var result = await Connection.InvokeAsync<JoinResult>("JoinAsParent", joinCode, displayName);
        Identify(result.ParticipantId, result.RejoinToken, result.Role);
        EndSync(result.Snapshot, []);
        return result;
    }

    public async Task<JoinResult> JoinAsInstructorAsync(string classId, string instructorKey)
    {
        BeginSync();
        var result = await Connection.InvokeAsync<JoinResult>("JoinAsInstructor", classId, instructorKey);
        Identify(result.ParticipantId, result.RejoinToken, result.Role);
        EndSync(result.Snapshot, []);
        return result;
    }

    /// <summary>Asks for everything after the last applied seq and applies it, then the buffered live events.</summary>
    public async Task<RejoinResult> RejoinAsync(string? token = null)
    {
        Token = token ?? Token;
        BeginSync();
        var result = await Connection.InvokeAsync<RejoinResult>("Rejoin", Token, Mirror.LastSeq);
        Identify(result.ParticipantId, Token!, result.Role);
        EndSync(result.Snapshot, result.Events);
        return result;
    }

    /// <summary>Drops the connection the way a sleeping phone does: it just goes away.</summary>
    public async Task DropAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>A new connection for the same participant, then a rejoin from the last applied seq.</summary>
    public async Task<RejoinResult> ReconnectAsync()
    {
        await DropAsync();
        await OpenAsync();
        return await RejoinAsync();
    }

    public Task<T> InvokeAsync<T>(string method, params object?[] args) =>
        Connection.InvokeCoreAsync<T>(method, args);

    public Task InvokeAsync(string method, params object?[] args) =>
        Connection.InvokeCoreAsync(method, args);

    public async Task WaitForSeqAsync(long seq, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (Mirror.LastSeq < seq)
        {
            await Task.Delay(20, cts.Token);
        }
    }

    public async ValueTask DisposeAsync() => await DropAsync();

    private async Task OpenAsync()
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(_baseUrl.TrimEnd('/') + HubNames.Path)
            .WithStatefulReconnect();
        if (_protocol == WireProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol(options => options.SerializerOptions = WireFormats.MessagePack);
        }
        else
        {
            builder.AddJsonProtocol(options => WireFormats.ConfigureJson(options.PayloadSerializerOptions));
        }

        var connection = builder.Build();
        var wireSeqs = new List<long>();
        lock (_gate)
        {
            _wireSeqs = wireSeqs;
            WireSeqsByConnection.Add(wireSeqs);
        }

        connection.On<ClassEvent>(HubNames.ClassEventMethod, evt => OnEvent(wireSeqs, evt));
        await connection.StartAsync();
        _connection = connection;
    }

    private void OnEvent(List<long> wireSeqs, ClassEvent evt)
    {
        lock (_gate)
        {
            wireSeqs.Add(evt.Seq);
            if (!_synced)
            {
                _buffer.Add(evt);
            }
            else if (Mirror.Apply(evt) == ApplyOutcome.Gap)
            {
                Gaps++;
            }
        }

        EventReceived?.Invoke(evt);
    }

    private void BeginSync()
    {
        lock (_gate)
        {
            _synced = false;
            _buffer.Clear();
        }
    }

    private void EndSync(ClassSnapshot? snapshot, IReadOnlyList<ClassEvent> events)
    {
        lock (_gate)
        {
            if (snapshot is not null)
            {
                Mirror.ApplySnapshot(snapshot);
            }

            foreach (var evt in events.Concat(_buffer.OrderBy(e => e.Seq)))
            {
                if (Mirror.Apply(evt) == ApplyOutcome.Gap)
                {
                    Gaps++;
                }
            }

            _buffer.Clear();
            _synced = true;
        }
    }

    private void Identify(string participantId, string token, ParticipantRole role)
    {
        ParticipantId = participantId;
        Token = token;
        Role = role;
    }
}
