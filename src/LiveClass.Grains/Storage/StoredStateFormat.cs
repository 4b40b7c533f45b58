using Orleans.Serialization;
using Orleans.Storage;

namespace LiveClass.Grains.Storage;

/// <summary>
/// How every durable store writes grain state: Orleans' binary format (compact, and version
/// tolerant through the [Id]s on every state type), the larger states compressed.
/// </summary>
public static class StoredStateFormat
{
    public static IGrainStorageSerializer Create(Serializer serializer) =>
        new CompressedGrainStorageSerializer(new ReusedBufferGrainStorageSerializer(serializer));
}
