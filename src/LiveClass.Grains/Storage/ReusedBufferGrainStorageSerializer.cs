using System.Buffers;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveClass.Grains.Storage;

/// <summary>
/// Orleans' binary format for grain state, as <see cref="OrleansGrainStorageSerializer"/> writes
/// it, into a buffer each thread keeps: that one grows a new buffer from 256 bytes on every write,
/// so a class's state of a few KiB cost several copies per commit, and commits come with every
/// change of every class. The bytes stored are an array of exactly the written length.
/// </summary>
public sealed class ReusedBufferGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    private const int InitialCapacity = 16 * 1024;

    /// <summary>A buffer grown past this by one very large state is let go rather than kept per thread.</summary>
    private const int LargestKept = 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    public BinaryData Serialize<T>(T? input) => Serialize(input, static written => new BinaryData(written.ToArray()));

    /// <summary>
    /// Writes <paramref name="input"/> into this thread's buffer and returns what
    /// <paramref name="store"/> makes of the written bytes, which are valid only during that call:
    /// a format that transforms them (compression) reads them in place rather than from a copy.
    /// </summary>
    public BinaryData Serialize<T>(T? input, Func<ReadOnlySpan<byte>, BinaryData> store)
    {
        // Taken, not shared: a nested serialization on this thread gets a buffer of its own.
        var buffer = _threadBuffer ?? new ArrayBufferWriter<byte>(InitialCapacity);
        _threadBuffer = null;
        try
        {
            serializer.Serialize(input, buffer);
            return store(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity <= LargestKept)
            {
                buffer.ResetWrittenCount();
                _threadBuffer = buffer;
            }
        }
    }

    public T? Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input.ToMemory());
}
