using System.Collections.Concurrent;
using System.Diagnostics;
using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>
/// A participant as the protocol's client rules describe it, over the real .NET SignalR client with
/// MessagePack: it applies event n only after n - 1, drops what it already has, buffers events
/// that arrive before its join or rejoin result, rejoins on a gap, and when its server goes away
/// it connects to another one and calls <c>Rejoin(token, lastSeq)</c>.
/// </summary>
internal sealed class ClassClient : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _resync = new(1, 1);
    private readonly Func<IReadOnlyList<string>> _urls;
    private readonly List<ClassEvent> _buffer = [];
    private readonly List<ClassEvent> _applied = [];
    private readonly List<long> _received = [];
    private readonly ConcurrentQueue<FailedCall> _failedCalls = new();
    private HubConnection? _connection;
    private bool _synced;
    private bool _stopped;
    private int _urlCursor;

    private ClassClient(string name, Func<IReadOnlyList<string>> urls, int firstUrl)
    {
        Name = name;
        _urls = urls;
        _urlCursor = firstUrl;
    }

    public string Name { get; }
    public string ParticipantId { get; private set; } = "";
    public string Token { get; private set; } = "";
    public ParticipantRole Role { get; private set; }

    /// <summary>The seq of the snapshot of the first join: the client's history starts after it.</summary>
    public long JoinSeq { get; private set; }

    public long LastSeq { get; private set; }
    public string? Url { get; private set; }
    public int Reconnects { get; private set; }

    /// <summary>Rejoins answered with a snapshot instead of the missed events: none expected here.</summary>
    public int SnapshotResets { get; private set; }

    /// <summary>When the last rejoin after a lost connection or a gap was applied (a Stopwatch timestamp); 0 before any.</summary>
    public long ResyncedAt { get; private set; }

    /// <summary>Every call the server answered with an error, with when it did.</summary>
    public IReadOnlyCollection<FailedCall> FailedCalls => _failedCalls;

    public bool IsConnected => _connection?.State == HubConnectionState.Connected && _synced;

    /// <summary>Every ClassEvent message as it arrives, outside the client's lock.</summary>
    public event Action<ClassEvent>? EventReceived;

    /// <summary>Every event applied, in order, after <see cref="JoinSeq"/>.</summary>
    public IReadOnlyList<ClassEvent> Applied
    {
        get
        {
            lock (_lock)
            {
                return _applied.ToArray();
            }
        }
    }

    /// <summary>The seq of every ClassEvent message received, as received, on every connection.</summary>
    public IReadOnlyList<long> Received
    {
        get
        {
            lock (_lock)
            {
                return _received.ToArray();
            }
        }
    }

    public static Task<ClassClient> JoinAsParentAsync(string name, string joinCode, Func<IReadOnlyList<string>> urls, int firstUrl) =>
        JoinAsync(name, urls, firstUrl, connection => connection.InvokeAsync<JoinResult>("JoinAsParent", joinCode, name));

    public static Task<ClassClient> JoinAsInstructorAsync(string classId, string key, Func<IReadOnlyList<string>> urls, int firstUrl) =>
        JoinAsync("instructor", urls, firstUrl, connection => connection.InvokeAsync<JoinResult>("JoinAsInstructor", classId, key));

    /// <summary>A participant coming back with a token it kept, on a new connection (a new device, after a restart).</summary>
    public static async Task<(ClassClient Client, RejoinResult Result)> RejoinAsync(string name, string token, long lastSeq,
        Func<IReadOnlyList<string>> urls, int firstUrl)
    {
        var client = new ClassClient(name, urls, firstUrl) { Token = token, LastSeq = lastSeq, JoinSeq = lastSeq };
        await client.ConnectAsync(client.NextUrl());
        var result = await client._connection!.InvokeAsync<RejoinResult>("Rejoin", token, lastSeq);
        client.ParticipantId = result.ParticipantId;
        client.Role = result.Role;
        client.ApplyRejoin(result);
        return (client, result);
    }

    public Task<T> InvokeAsync<T>(string method, params object?[] args)
    {
        var connection = _connection;
        if (connection is null || !IsConnected)
        {
            throw new InvalidOperationException($"{Name} is not connected");
        }

        return connection.InvokeCoreAsync<T>(method, args);
    }

    /// <summary>A call whose answer is a seq; null when it failed without an answer (e.g. its server died).</summary>
    public async Task<long?> TryInvokeSeqAsync(string method, params object?[] args)
    {
        try
        {
            return await InvokeAsync<long>(method, args).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception exception) when (exception is not HubException || !exception.Message.StartsWith("forbidden:", StringComparison.Ordinal))
        {
            Record(method, exception);
            return null;
        }
    }

    /// <summary>The class as the server has it now, through a rejoin from scratch on this client's connection.</summary>
    public async Task<ClassSnapshot> SnapshotAsync()
    {
        var result = await InvokeAsync<RejoinResult>("Rejoin", Token, 0L);
        return result.Snapshot!;
    }

    public async Task WaitForSeqAsync(long seq, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LastSeq < seq)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} reached seq {LastSeq}, not {seq}, within {timeout} (on {Url}, connected: {IsConnected})");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>From now on, a lost connection stays lost: this family does not come back.</summary>
    public void StopReconnecting() => _stopped = true;

    /// <summary>Goes away without a word, as a closed laptop does: no reconnect, no Leave.</summary>
    public async Task VanishAsync()
    {
        _stopped = true;
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await VanishAsync();

    private static async Task<ClassClient> JoinAsync(string name, Func<IReadOnlyList<string>> urls, int firstUrl,
        Func<HubConnection, Task<JoinResult>> join)
    {
        var client = new ClassClient(name, urls, firstUrl);
        await client.ConnectAsync(client.NextUrl());
        var result = await join(client._connection!);
        client.ParticipantId = result.ParticipantId;
        client.Token = result.RejoinToken;
        client.Role = result.Role;
        client.JoinSeq = result.Snapshot.Seq;
        lock (client._lock)
        {
            client.LastSeq = result.Snapshot.Seq;
            client.FlushBuffer();
        }

        return client;
    }

    private string NextUrl()
    {
        var urls = _urls();
        return urls.Count == 0
            ? throw new InvalidOperationException("no server is running")
            : urls[_urlCursor++ % urls.Count];
    }

    private async Task ConnectAsync(string url)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(url + HubNames.Path, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .AddMessagePackProtocol(options => options.SerializerOptions = WireFormats.MessagePack)
            .Build();
        connection.On<ClassEvent>(HubNames.ClassEventMethod, OnEvent);
        connection.Closed += exception => OnClosed(connection);
        lock (_lock)
        {
            _synced = false;
        }

        await connection.StartAsync();
        _connection = connection;
        Url = url;
    }

    /// <summary>Keeps the server's error answers; a call lost with its connection got no answer and is not one.</summary>
    private void Record(string method, Exception exception)
    {
        if (exception is HubException)
        {
            _failedCalls.Enqueue(new FailedCall(method, exception.Message, Stopwatch.GetTimestamp()));
        }
    }

    private void OnEvent(ClassEvent evt)
    {
        EventReceived?.Invoke(evt);
        var gap = false;
        lock (_lock)
        {
            _received.Add(evt.Seq);
            if (!_synced)
            {
                _buffer.Add(evt);
                return;
            }

            gap = !Apply(evt);
        }

        if (gap)
        {
            _ = ResyncAsync(reconnect: false);
        }
    }

    /// <summary>Applies the next event; false (and buffered) when it leaves a gap.</summary>
    private bool Apply(ClassEvent evt)
    {
        if (evt.Seq <= LastSeq)
        {
            return true;
        }

        if (evt.Seq != LastSeq + 1)
        {
            _synced = false;
            _buffer.Add(evt);
            return false;
        }

        _applied.Add(evt);
        LastSeq = evt.Seq;
        return true;
    }

    private void FlushBuffer()
    {
        _synced = true;
        var pending = _buffer.OrderBy(e => e.Seq).ToList();
        _buffer.Clear();
        foreach (var evt in pending)
        {
            if (!Apply(evt))
            {
                _ = ResyncAsync(reconnect: false);
                return;
            }
        }
    }

    private void ApplyRejoin(RejoinResult result)
    {
        lock (_lock)
        {
            if (result.Snapshot is { } snapshot)
            {
                SnapshotResets++;
                LastSeq = Math.Max(LastSeq, snapshot.Seq);
            }

            foreach (var evt in result.Events)
            {
                Apply(evt);
            }

            FlushBuffer();
        }
    }

    private Task OnClosed(HubConnection connection)
    {
        if (!_stopped && connection == _connection)
        {
            _ = ResyncAsync(reconnect: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Rejoins from the last applied seq, on a new connection to the next server when <paramref name="reconnect"/>.</summary>
    private async Task ResyncAsync(bool reconnect)
    {
        await _resync.WaitAsync();
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
            for (var attempt = 0; !_stopped && DateTime.UtcNow < deadline; attempt++)
            {
                if (_synced && _connection?.State == HubConnectionState.Connected)
                {
                    return;
                }

                try
                {
                    if (reconnect || _connection?.State != HubConnectionState.Connected)
                    {
                        var previous = _connection;
                        _connection = null;
                        if (previous is not null)
                        {
                            await previous.DisposeAsync();
                        }

                        await ConnectAsync(NextUrl()).WaitAsync(TimeSpan.FromSeconds(10));
                        Reconnects++;
                        reconnect = false;
                    }

                    var result = await _connection!.InvokeAsync<RejoinResult>("Rejoin", Token, LastSeq).WaitAsync(TimeSpan.FromSeconds(20));
                    ApplyRejoin(result);
                    ResyncedAt = Stopwatch.GetTimestamp();
                }
                catch (Exception exception) when (exception is not HubException || !exception.Message.StartsWith("forbidden:", StringComparison.Ordinal))
                {
                    // The server is gone or the class is moving between silos: try again, elsewhere if need be;
                    // "unavailable" asks for a quick, quiet retry, as the web app does.
                    Record("Rejoin", exception);
                    reconnect = _connection?.State != HubConnectionState.Connected;
                    var unavailable = exception is HubException && exception.Message.StartsWith(ErrorCodes.Unavailable + ":", StringComparison.Ordinal);
                    await Task.Delay(unavailable ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromMilliseconds(Math.Min(2000, 200 * (attempt + 1))));
                }
            }
        }
        finally
        {
            _resync.Release();
        }
    }
}
