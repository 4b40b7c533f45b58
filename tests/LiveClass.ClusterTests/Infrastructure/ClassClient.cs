using System.Collections.Concurrent;
using System.Diagnostics;
using LiveClass.Contracts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>
/// A participant on the cluster: a <see cref="ClassFollower"/> over WebSockets and MessagePack that,
/// when its server goes away, connects to the next running one and rejoins by seq. Besides, it keeps
/// what the tests check: every event applied, every seq received, and every call the server refused.
/// </summary>
internal sealed class ClassClient : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly ClassFollower _follower;
    private readonly Func<IReadOnlyList<string>> _urls;
    private readonly List<ClassEvent> _applied = [];
    private readonly List<long> _received = [];
    private readonly ConcurrentQueue<FailedCall> _failedCalls = new();
    private int _urlCursor;

    private ClassClient(string name, Func<IReadOnlyList<string>> urls, int firstUrl)
    {
        Name = name;
        _urls = urls;
        _urlCursor = firstUrl;
        _follower = new ClassFollower(NewConnection);
        _follower.EventReceived += OnReceived;
        _follower.EventApplied += evt => Keep(_applied, evt);
        _follower.BackInStep += () => ResyncedAt = Stopwatch.GetTimestamp();
        _follower.RejoinFailed += exception => Record(nameof(IClassHub.Rejoin), exception);
    }

    public string Name { get; }
    public string ParticipantId => _follower.ParticipantId ?? "";
    public string Token => _follower.RejoinToken ?? "";
    public ParticipantRole Role => _follower.Role;

    /// <summary>The seq of the snapshot of the first join: the client's history starts after it.</summary>
    public long JoinSeq { get; private set; }

    public long LastSeq => _follower.LastSeq;
    public string? Url { get; private set; }
    public int Reconnects => _follower.Reconnects;

    /// <summary>Rejoins answered with a snapshot instead of the missed events: none expected here.</summary>
    public int SnapshotResets => _follower.SnapshotResets;

    /// <summary>When the last rejoin after a lost connection or a gap was applied (a Stopwatch timestamp); 0 before any.</summary>
    public long ResyncedAt { get; private set; }

    /// <summary>Every call the server answered with an error, with when it did.</summary>
    public IReadOnlyCollection<FailedCall> FailedCalls => _failedCalls;

    public bool IsConnected => _follower.IsInStep;

    /// <summary>The class's calls, on the current connection.</summary>
    public IClassHub Hub => IsConnected ? _follower.Hub : throw new InvalidOperationException($"{Name} is not connected");

    /// <summary>Every ClassEvent message as it arrives.</summary>
    public event Action<ClassEvent>? EventReceived;

    /// <summary>Every event applied, in order, after <see cref="JoinSeq"/>.</summary>
    public IReadOnlyList<ClassEvent> Applied => Copy(_applied);

    /// <summary>The seq of every ClassEvent message received, as received, on every connection.</summary>
    public IReadOnlyList<long> Received => Copy(_received);

    public static Task<ClassClient> JoinAsParentAsync(string name, string joinCode, Func<IReadOnlyList<string>> urls, int firstUrl) =>
        JoinAsync(name, urls, firstUrl, follower => follower.JoinAsParentAsync(joinCode, name));

    public static Task<ClassClient> JoinAsInstructorAsync(string classId, string key, Func<IReadOnlyList<string>> urls, int firstUrl) =>
        JoinAsync("instructor", urls, firstUrl, follower => follower.JoinAsInstructorAsync(classId, key));

    /// <summary>A participant coming back with a token it kept, on a new connection (a new device, after a restart).</summary>
    public static async Task<(ClassClient Client, RejoinResult Result)> RejoinAsync(string name, string token, long lastSeq,
        Func<IReadOnlyList<string>> urls, int firstUrl)
    {
        var client = new ClassClient(name, urls, firstUrl) { JoinSeq = lastSeq };
        try
        {
            await client._follower.ConnectAsync();
            return (client, await client._follower.RejoinAsync(token, lastSeq));
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>A call whose answer is a seq; null when it failed without an answer (e.g. its server died).</summary>
    public async Task<long?> TryCallAsync(string method, Func<IClassHub, Task<long>> call)
    {
        try
        {
            return await call(Hub).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception exception) when (exception is not HubException || !exception.Message.StartsWith("forbidden:", StringComparison.Ordinal))
        {
            Record(method, exception);
            return null;
        }
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
    public void StopReconnecting() => _follower.StopReconnecting();

    /// <summary>Goes away without a word, as a closed laptop does: no reconnect, no Leave.</summary>
    public ValueTask VanishAsync() => _follower.DisposeAsync();

    public ValueTask DisposeAsync() => VanishAsync();

    private static async Task<ClassClient> JoinAsync(string name, Func<IReadOnlyList<string>> urls, int firstUrl,
        Func<ClassFollower, Task<JoinResult>> join)
    {
        var client = new ClassClient(name, urls, firstUrl);
        try
        {
            await client._follower.ConnectAsync();
            client.JoinSeq = (await join(client._follower)).Snapshot.Seq;
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private HubConnection NewConnection()
    {
        var urls = _urls();
        var url = urls.Count == 0
            ? throw new InvalidOperationException("no server is running")
            : urls[_urlCursor++ % urls.Count];
        Url = url;
        return new HubConnectionBuilder()
            .WithClassHub(url, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .AddClassProtocol(WireProtocol.MessagePack)
            .Build();
    }

    private void OnReceived(ClassEvent evt)
    {
        EventReceived?.Invoke(evt);
        Keep(_received, evt.Seq);
    }

    /// <summary>Keeps the server's error answers; a call lost with its connection got no answer and is not one.</summary>
    private void Record(string method, Exception exception)
    {
        if (exception is HubException)
        {
            _failedCalls.Enqueue(new FailedCall(method, exception.Message, Stopwatch.GetTimestamp()));
        }
    }

    private void Keep<T>(List<T> list, T item)
    {
        lock (_lock)
        {
            list.Add(item);
        }
    }

    private IReadOnlyList<T> Copy<T>(List<T> list)
    {
        lock (_lock)
        {
            return list.ToArray();
        }
    }
}
