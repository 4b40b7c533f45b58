using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Grains.Sessions;
using LiveClass.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>
/// A class's stored records as files of bytes, exactly as the silos store them
/// (<see cref="StoredStateFormat"/>, in Redis and Azure Storage alike; records stored before states
/// were compressed load as they are): the state, roster and chat, and log segments.
/// Opens a <see cref="ClassSessionStore"/> over them, as an activation does; what it writes stays in
/// memory until <see cref="SaveNew"/>, so loading a fixture never changes it.
/// </summary>
internal sealed class FixtureStorage(string directory, string sessionName)
{
    private readonly Dictionary<string, byte[]?> _written = [];

    public static readonly IGrainStorageSerializer Serializer = StoredStateFormat.Create(new ServiceCollection()
        .AddSerializer(builder => builder
            .AddAssembly(typeof(ClassEvent).Assembly)
            .AddAssembly(typeof(ClassSessionState).Assembly)
            .AddAssembly(typeof(ParticipantState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>());

    public string SessionFile => $"{sessionName}.bin";

    public string RosterAndChatFile => $"{sessionName}-rosterandchat-v1.bin";

    public string SegmentFile(LogSegment segment) => $"{sessionName}-segment-{segment.FirstSeq}.bin";

    public bool Exists(string name) => Bytes(name) is not null;

    public T? Read<T>(string name) => Bytes(name) is { } bytes ? Serializer.Deserialize<T>(BinaryData.FromBytes(bytes)) : default;

    public void Write<T>(string name, T? value) => _written[name] = value is null ? null : Serializer.Serialize(value).ToArray();

    /// <summary>Writes what was stored here into the folder as new fixtures; never replaces one.</summary>
    public void SaveNew()
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, bytes) in _written)
        {
            var path = Path.Combine(directory, name);
            if (bytes is not null && !File.Exists(path))
            {
                File.WriteAllBytes(path, bytes);
            }
        }
    }

    private byte[]? Bytes(string name)
    {
        if (_written.TryGetValue(name, out var written))
        {
            return written;
        }

        var path = Path.Combine(directory, name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public ClassSessionStore Open(ClassLimits limits, TimeProvider time) => new(
        new Record<ClassSessionState>(this, SessionFile),
        new Record<RosterAndChatState>(this, RosterAndChatFile),
        segment => new Segment(new Record<ClassLogSegmentState>(this, SegmentFile(segment))),
        limits, time, NullLogger.Instance);

    private sealed class Record<T>(FixtureStorage storage, string name) : IPersistentState<T> where T : class, new()
    {
        public T State { get; set; } = storage.Read<T>(name) ?? new T();

        public string? Etag => null;

        public bool RecordExists => storage.Exists(name);

        public Task ClearStateAsync()
        {
            storage.Write<T>(name, null);
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            storage.Write(name, State);
            return Task.CompletedTask;
        }

        public Task ReadStateAsync()
        {
            State = storage.Read<T>(name) ?? new T();
            return Task.CompletedTask;
        }
    }

    private sealed class Segment(Record<ClassLogSegmentState> record) : IStoredLogSegment
    {
        public Task Store(IReadOnlyList<ClassEvent> events)
        {
            record.State.Events = [.. events];
            return record.WriteStateAsync();
        }

        public Task<IReadOnlyList<ClassEvent>> Load() => Task.FromResult<IReadOnlyList<ClassEvent>>(record.State.Events);

        public Task Delete() => record.ClearStateAsync();
    }
}
