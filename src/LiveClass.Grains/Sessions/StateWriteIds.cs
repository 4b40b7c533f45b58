using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// Ids that tell one state write from every other (<see cref="Domain.ClassSessionState.WriteId"/>):
/// eight random bytes drawn once per process, then a count of the writes this process has made.
/// Unique without asking the operating system for random bytes at every commit, which a new
/// random Guid does, as a system call, hundreds of times a second under load. The id is no secret.
/// </summary>
public static class StateWriteIds
{
    private static readonly long ProcessPart = BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(sizeof(long)));
    private static long _written;

    public static Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, ProcessPart);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[sizeof(long)..], Interlocked.Increment(ref _written));
        return new Guid(bytes);
    }
}
