using LiveClass.Contracts;
using LiveClass.Grains.Sessions;
using LiveClass.Grains.Storage;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

public sealed class CompressedGrainStorageSerializerTests
{
    private readonly IGrainStorageSerializer _stored = StoredStateFormat.Create(StateCodecs.Serializer);
    private readonly OrleansGrainStorageSerializer _orleans = new(StateCodecs.Serializer);

    [Fact]
    public void A_log_segment_is_stored_compressed_at_less_than_half_its_size_and_reads_back_whole()
    {
        var segment = new ClassLogSegmentState { Events = [.. Enumerable.Range(1, 200).Select(CheckIn)] };
        var plain = _orleans.Serialize(segment).ToArray();

        var stored = _stored.Serialize(segment).ToArray();
        var read = _stored.Deserialize<ClassLogSegmentState>(new BinaryData(stored))!;

        Assert.Equal(CompressedGrainStorageSerializer.Marker, stored[0]);
        Assert.True(stored.Length * 2 < plain.Length, $"{stored.Length} bytes stored for {plain.Length}");
        Assert.Equal(segment.Events, read.Events);
    }

    [Fact]
    public void A_small_state_is_stored_exactly_as_Orleans_writes_it()
    {
        var small = new ClassLogSegmentState { Events = [CheckIn(1)] };
        var plain = _orleans.Serialize(small).ToArray();
        Assert.True(plain.Length < CompressedGrainStorageSerializer.Threshold);

        Assert.Equal(plain, _stored.Serialize(small).ToArray());
    }

    [Fact]
    public void A_large_state_stored_by_Orleans_own_serializer_before_compression_loads_as_it_is()
    {
        var segment = new ClassLogSegmentState { Events = [.. Enumerable.Range(1, 200).Select(CheckIn)] };
        var storedBefore = _orleans.Serialize(segment);
        Assert.NotEqual(CompressedGrainStorageSerializer.Marker, storedBefore.ToMemory().Span[0]);

        var read = _stored.Deserialize<ClassLogSegmentState>(storedBefore)!;

        Assert.Equal(segment.Events, read.Events);
    }

    [Fact]
    public void A_record_marked_compressed_in_an_unknown_format_cut_short_or_with_a_damaged_length_is_refused_not_misread()
    {
        var stored = _stored.Serialize(new ClassLogSegmentState { Events = [.. Enumerable.Range(1, 50).Select(CheckIn)] }).ToArray();
        var unknownFormat = stored.ToArray();
        unknownFormat[1] = 9;
        var cutShort = stored[..(stored.Length / 2)];
        var hugeLength = stored.ToArray();
        hugeLength[5] = 0x7F;

        Assert.Throws<InvalidDataException>(() => _stored.Deserialize<ClassLogSegmentState>(new BinaryData(unknownFormat)));
        Assert.Throws<InvalidDataException>(() => _stored.Deserialize<ClassLogSegmentState>(new BinaryData(cutShort)));
        Assert.Throws<InvalidDataException>(() => _stored.Deserialize<ClassLogSegmentState>(new BinaryData(stored[..3])));
        Assert.Throws<InvalidDataException>(() => _stored.Deserialize<ClassLogSegmentState>(new BinaryData(hugeLength)));
    }

    private static ClassEvent CheckIn(int seq) => new(
        seq, 1_700_000_000_000 + seq * 1_000, ClassEventKind.CheckedIn, $"parent-{seq % 20}",
        ParticipantId: $"parent-{seq % 20}", CheckIn: new CheckIn(CheckInStatus.Following, seq / 10, 1_700_000_000_000 + seq * 1_000));
}
