using System.Buffers;
using System.IO.Pipelines;
using LiveClass.Server.Realtime.Transport;

namespace LiveClass.Tests.Realtime;

/// <summary>
/// The transport writer that lets one flush wait at a time, on a real pipe that makes a flush
/// wait once more than 10 bytes are unread, as a connection's transport does at its own bound.
/// </summary>
public sealed class SerialFlushPipeWriterTests
{
    private static Pipe SmallPipe() =>
        new(new PipeOptions(pauseWriterThreshold: 10, resumeWriterThreshold: 5, useSynchronizationContext: false));

    [Fact]
    public async Task A_flush_asked_for_while_another_waits_goes_after_it_and_the_reader_gets_every_byte_in_order()
    {
        var pipe = SmallPipe();
        var writer = new SerialFlushPipeWriter(pipe.Writer);

        // A message that has to wait for the reader, then an acknowledgement written and flushed beside it.
        var message = writer.WriteAsync(Bytes(1, 40));
        writer.Write(Bytes(41, 3));
        var acknowledgement = writer.FlushAsync();
        Assert.False(message.IsCompleted);
        Assert.False(acknowledgement.IsCompleted);

        var read = await ReadAllAsync(pipe.Reader, 43);
        var flushes = await Task.WhenAll(message.AsTask(), acknowledgement.AsTask());

        Assert.Equal(Bytes(1, 43), read);
        Assert.All(flushes, flush => Assert.False(flush.IsCompleted || flush.IsCanceled));
    }

    [Fact]
    public async Task A_write_while_a_flush_waits_keeps_its_place_and_its_flush_waits_its_turn()
    {
        var pipe = SmallPipe();
        var writer = new SerialFlushPipeWriter(pipe.Writer);

        var first = writer.WriteAsync(Bytes(1, 20));
        var second = writer.WriteAsync(Bytes(21, 20));
        var third = writer.FlushAsync();

        var read = await ReadAllAsync(pipe.Reader, 40);
        await Task.WhenAll(first.AsTask(), second.AsTask(), third.AsTask());

        Assert.Equal(Bytes(1, 40), read);
    }

    [Fact]
    public void A_flush_that_need_not_wait_completes_at_once()
    {
        var pipe = SmallPipe();
        var writer = new SerialFlushPipeWriter(pipe.Writer);

        var write = writer.WriteAsync(Bytes(1, 5));
        writer.Write(Bytes(6, 2));
        var flush = writer.FlushAsync();

        Assert.True(write.IsCompletedSuccessfully);
        Assert.True(flush.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task When_the_reader_goes_away_every_waiting_flush_ends_as_completed()
    {
        var pipe = SmallPipe();
        var writer = new SerialFlushPipeWriter(pipe.Writer);
        var message = writer.WriteAsync(Bytes(1, 40));
        var acknowledgement = writer.FlushAsync();

        await pipe.Reader.CompleteAsync();

        Assert.True((await message).IsCompleted);
        Assert.True((await acknowledgement).IsCompleted);
    }

    /// <summary>
    /// Why the writer is there: the framework's pipe, asked for a second flush while one waits,
    /// ends its reader, and a connection's transport with it. Should a later version of the
    /// framework allow it, this fails, and the writer can go.
    /// </summary>
    [Fact]
    public async Task Without_it_a_second_waiting_flush_ends_the_pipes_reader()
    {
        var pipe = SmallPipe();
        var message = pipe.Writer.WriteAsync(Bytes(1, 40)).AsTask();
        pipe.Writer.Write(Bytes(41, 3));
        var acknowledgement = pipe.Writer.FlushAsync().AsTask();

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(pipe.Reader, 43));
        await Task.WhenAny(Task.WhenAll(message, acknowledgement), Task.Delay(TimeSpan.FromSeconds(1)));
    }

    private static byte[] Bytes(int first, int count) => [.. Enumerable.Range(first, count).Select(b => (byte)b)];

    private static async Task<byte[]> ReadAllAsync(PipeReader reader, int count)
    {
        var read = new List<byte>();
        while (read.Count < count)
        {
            var result = await reader.ReadAsync();
            read.AddRange(result.Buffer.ToArray());
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        return [.. read];
    }
}
