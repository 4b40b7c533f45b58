using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Orleans.Storage;

namespace LiveClass.Grains.Storage;

/// <summary>
/// Stores states of at least <see cref="Threshold"/> bytes Brotli-compressed: a class's state and
/// its log segments hold hundreds of events that repeat the same ids and names, and come out at
/// less than half their size, which is less for the store to take, keep and send back. They are
/// compressed straight from the buffer <paramref name="inner"/> writes them into. Smaller states
/// stay as it writes them, and so does everything stored before, which loads as it is: a
/// compressed state starts with a byte that the inner format never starts with.
/// </summary>
public sealed class CompressedGrainStorageSerializer(ReusedBufferGrainStorageSerializer inner) : IGrainStorageSerializer
{
    /// <summary>States this large or larger are compressed: below it (most journal chunks) the gain is not worth the time.</summary>
    public const int Threshold = 1024;

    /// <summary>The first byte of a compressed state. Orleans' format never writes it first (<see cref="Serialize{T}"/> compresses one that did).</summary>
    public const byte Marker = 0xFF;

    private const byte BrotliFormat = 1;
    private const int HeaderLength = 6;
    // Brotli's fastest level: higher ones set up hash tables of megabytes for every state, which
    // costs a silo far more than the bytes they save.
    private const int Quality = 1;
    private const int Window = 18;

    /// <summary>Far above any state the stores take (an Azure Table entity holds 1 MiB): a larger length is a damaged record.</summary>
    private const int LargestState = 256 * 1024 * 1024;

    public BinaryData Serialize<T>(T? input) => inner.Serialize(input, Store);

    public T? Deserialize<T>(BinaryData input)
    {
        var bytes = input.ToMemory().Span;
        if (bytes.IsEmpty || bytes[0] != Marker)
        {
            return inner.Deserialize<T>(input);
        }

        if (bytes.Length < HeaderLength || bytes[1] != BrotliFormat)
        {
            throw new InvalidDataException($"A stored state is marked compressed in a format this version does not know ({(bytes.Length > 1 ? bytes[1] : -1)}).");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[2..]);
        if (length < 0 || length > LargestState)
        {
            throw new InvalidDataException($"A stored compressed state claims {length} bytes.");
        }

        var plain = new byte[length];
        if (!BrotliDecoder.TryDecompress(bytes[HeaderLength..], plain, out var written) || written != length)
        {
            throw new InvalidDataException($"A stored compressed state did not decompress to its {length} bytes.");
        }

        return inner.Deserialize<T>(new BinaryData(plain));
    }

    private static BinaryData Store(ReadOnlySpan<byte> plain)
    {
        if (plain.Length < Threshold && (plain.IsEmpty || plain[0] != Marker))
        {
            return new BinaryData(plain.ToArray());
        }

        var rented = ArrayPool<byte>.Shared.Rent(HeaderLength + BrotliEncoder.GetMaxCompressedLength(plain.Length));
        try
        {
            rented[0] = Marker;
            rented[1] = BrotliFormat;
            BinaryPrimitives.WriteInt32LittleEndian(rented.AsSpan(2), plain.Length);
            if (!BrotliEncoder.TryCompress(plain, rented.AsSpan(HeaderLength), out var written, Quality, Window))
            {
                throw new InvalidOperationException($"Compressing a {plain.Length}-byte state failed.");
            }

            return new BinaryData(rented.AsSpan(0, HeaderLength + written).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
