using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.Tests.Infrastructure;

/// <summary>
/// A participant's <see cref="ClassFollower"/> over the real SignalR .NET client, with what the tests
/// look at besides its view of the class: the raw seqs each connection received, every seq applied
/// and every snapshot baseline. It neither reconnects by itself nor leaves: the tests drop and rejoin.
/// </summary>
public sealed class ClassClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly ClassFollower _follower;
    private readonly List<long> _applied = [];
    private readonly List<long> _baselines = [];
    private List<long> _wireSeqs = [];

    private ClassClient(ClassFollower follower)
    {
        _follower = follower;
        follower.Connecting += _ => StartWireLog();
        follower.EventReceived += evt => Log(_wireSeqs, evt.Seq);
        follower.EventApplied += evt => Log(_applied, evt.Seq);
        follower.SnapshotApplied += snapshot => Log(_baselines, snapshot.Seq);
    }

    public ClassMirror Mirror => _follower.Mirror;
    public IClassHub Hub => _follower.Hub;
    public HubConnection Connection => _follower.Hub.Connection;
    public string? ParticipantId => _follower.ParticipantId;
    public string? Token => _follower.RejoinToken;
    public ParticipantRole Role => _follower.Role;
    public int Gaps => _follower.Gaps;
    public int DuplicatesDropped => _follower.Duplicates;

    /// <summary>The seqs received on each connection this client opened, in arrival order.</summary>
    public List<List<long>> WireSeqsByConnection { get; } = [];

    /// <summary>Every seq applied one by one, in order, across snapshots.</summary>
    public IReadOnlyList<long> Applied => Copy(_applied);

    /// <summary>The seq of every snapshot applied, in order.</summary>
    public IReadOnlyList<long> Baselines => Copy(_baselines);

    public event Action<ClassEvent>? EventReceived
    {
        add => _follower.EventReceived += value;
        remove => _follower.EventReceived -= value;
    }

    public static async Task<ClassClient> ConnectAsync(string baseUrl, WireProtocol protocol = WireProtocol.MessagePack, ClassMirror? mirror = null)
    {
        var options = new ClassFollowerOptions { ReconnectOnClose = false };
        var follower = new ClassFollower(
            () => new HubConnectionBuilder().WithClassHub(baseUrl).AddClassProtocol(protocol).WithStatefulReconnect().Build(),
            options,
            mirror);
        var client = new ClassClient(follower);
        await follower.ConnectAsync();
        return client;
    }

    public Task<JoinResult> JoinAsParentAsync(string joinCode, string displayName) => _follower.JoinAsParentAsync(joinCode, displayName);

    public Task<JoinResult> JoinAsInstructorAsync(string classId, string instructorKey) => _follower.JoinAsInstructorAsync(classId, instructorKey);

    /// <summary>Asks for everything after the last applied seq and applies it, then the held live events.</summary>
    public Task<RejoinResult> RejoinAsync(string? token = null) => _follower.RejoinAsync(token, Mirror.LastSeq);

    /// <summary>Drops the connection the way a sleeping phone does: it just goes away.</summary>
    public Task DropAsync() => _follower.DropAsync();

    /// <summary>A new connection for the same participant, then a rejoin from the last applied seq.</summary>
    public Task<RejoinResult> ReconnectAsync() => _follower.ReconnectAsync();

    public async Task WaitForSeqAsync(long seq, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        await _follower.WaitForSeqAsync(seq, cts.Token);
    }

    public ValueTask DisposeAsync() => _follower.DisposeAsync();

    private void StartWireLog()
    {
        lock (_gate)
        {
            _wireSeqs = [];
            WireSeqsByConnection.Add(_wireSeqs);
        }
    }

    private void Log(List<long> seqs, long seq)
    {
        lock (_gate)
        {
            seqs.Add(seq);
        }
    }

    private IReadOnlyList<long> Copy(List<long> seqs)
    {
        lock (_gate)
        {
            return seqs.ToArray();
        }
    }
}
