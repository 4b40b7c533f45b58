using System.Net.WebSockets;
using System.Text;

namespace LiveClass.Tests.Fuzz;

/// <summary>
/// Raw WebSocket connections to the hub that complete the handshake (JSON or MessagePack) and then
/// send frames no protocol can parse, or well-formed messages of the wrong shape.
/// </summary>
public sealed class GarbageFrames(Random random, Uri hubUrl)
{
    private const char RecordSeparator = '\u001e';

    /// <summary>Opens a connection, sends <paramref name="frames"/> bad frames (fewer if the server closes it first), and closes it.</summary>
    public async Task<int> SendAsync(int frames, CancellationToken cancellationToken)
    {
        var messagePack = random.Next(2) == 0;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(hubUrl, cancellationToken);
        var handshake = Encoding.UTF8.GetBytes($"{{\"protocol\":\"{(messagePack ? "messagepack" : "json")}\",\"version\":1}}{RecordSeparator}");
        await socket.SendAsync(handshake, WebSocketMessageType.Text, true, cancellationToken);

        var sent = 0;
        for (; sent < frames && socket.State == WebSocketState.Open; sent++)
        {
            var frame = messagePack ? MessagePackFrame() : JsonFrame();
            try
            {
                await socket.SendAsync(frame, messagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, cancellationToken);
            }
            catch (WebSocketException)
            {
                // The server closed the connection on an unreadable frame, as it should.
                sent++;
                break;
            }
        }

        if (socket.State == WebSocketState.Open)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Closed under us: fine.
            }
        }

        return sent;
    }

    private byte[] JsonFrame()
    {
        var text = random.Next(10) switch
        {
            0 => "{\"type\":1,\"invocationId\":\"1\",\"target\":\"CheckIn\",\"arguments\":\"Ready\"}",
            1 => "{\"type\":1,\"target\":42,\"arguments\":[]}",
            2 => "{\"type\":99}",
            3 => "{\"type\":1,\"invocationId\":\"2\",\"target\":\"GoToStep\",\"arguments\":[1e400]}",
            4 => new string('[', 5000) + new string(']', 5000),
            5 => "{\"type\":4,\"invocationId\":\"3\",\"target\":\"Ping\",\"arguments\":[1],\"streamIds\":[\"x\"]}",
            6 => "{\"type\":1,\"invocationId\":\"4\",\"target\":\"SendChat\",\"arguments\":[\"c\",\"\\ud800\"]}",
            7 => "not json at all",
            8 => "{\"type\":1,\"invocationId\":\"5\",\"target\":\"JoinAsParent\",\"arguments\":[{\"$type\":\"System.IO.File\"},null]}",
            _ => Encoding.Latin1.GetString(RandomBytes(1 + random.Next(200))),
        };
        return Encoding.UTF8.GetBytes(text + RecordSeparator);
    }

    private byte[] MessagePackFrame()
    {
        var body = random.Next(4) switch
        {
            // A fixarray of one element claiming a message type that does not exist.
            0 => new byte[] { 0x91, 0x63 },
            // An invocation whose target is a number.
            1 => new byte[] { 0x95, 0x01, 0x80, 0xa1, 0x31, 0x2a, 0x90 },
            // An array header promising far more items than follow.
            2 => new byte[] { 0xdd, 0x7f, 0xff, 0xff, 0xff },
            _ => RandomBytes(1 + random.Next(200)),
        };
        var frame = new List<byte>();
        // SignalR's MessagePack framing: a varint length, then the message.
        var length = random.Next(5) == 0 ? body.Length + 1000 : body.Length;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            frame.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        frame.AddRange(body);
        return [.. frame];
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
