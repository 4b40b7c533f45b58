using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains.Storage;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

public sealed class ReusedBufferGrainStorageSerializerTests
{
    private readonly ReusedBufferGrainStorageSerializer _reused = new(StateCodecs.Serializer);
    private readonly OrleansGrainStorageSerializer _orleans = new(StateCodecs.Serializer);

    [Fact]
    public void Writes_exactly_the_bytes_of_Orleans_own_storage_serializer_so_stored_state_of_either_loads_with_the_other()
    {
        var state = ClassWithChat(lines: 40);

        var reused = _reused.Serialize(state).ToArray();

        Assert.Equal(_orleans.Serialize(state).ToArray(), reused);
        Assert.Equal(40, _orleans.Deserialize<ClassSessionState>(new BinaryData(reused))!.Chat.Count);
        Assert.Equal("Week 1", _reused.Deserialize<ClassSessionState>(_orleans.Serialize(state))!.Title);
    }

    [Fact]
    public void A_small_state_after_a_large_one_is_stored_at_its_own_length_with_nothing_left_over()
    {
        _reused.Serialize(ClassWithChat(lines: 500));
        var small = ClassWithChat(lines: 1);

        var bytes = _reused.Serialize(small).ToArray();

        Assert.Equal(_orleans.Serialize(small).ToArray(), bytes);
    }

    [Fact]
    public void A_state_larger_than_the_kept_buffer_is_written_whole_and_the_next_one_still_is()
    {
        var huge = ClassWithChat(lines: 3000, text: new string('x', 400));
        var next = ClassWithChat(lines: 2);

        var hugeRead = _reused.Deserialize<ClassSessionState>(_reused.Serialize(huge))!;
        var nextBytes = _reused.Serialize(next).ToArray();

        Assert.Equal(3000, hugeRead.Chat.Count);
        Assert.Equal(huge.Chat[^1].Text, hugeRead.Chat[^1].Text);
        Assert.Equal(_orleans.Serialize(next).ToArray(), nextBytes);
    }

    private static ClassSessionState ClassWithChat(int lines, string text = "Lovely, she is smiling") => new()
    {
        ClassId = "class-1",
        Title = "Week 1",
        Seq = lines,
        Chat = [.. Enumerable.Range(1, lines).Select(i => new ChatMessage("m" + i, "p" + i, "Family " + i, text + " " + i, 1_000 + i))],
    };
}
