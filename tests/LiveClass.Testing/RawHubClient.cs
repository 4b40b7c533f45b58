using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;

namespace LiveClass.Testing;

/// <summary>
/// A hub client with nothing in between: a raw socket with a small receive buffer, the WebSocket
/// upgrade done by hand and the JSON hub protocol written and read as text. It can stop reading
/// while it keeps pinging, as a frozen phone or a hostile client does, and read again later.
/// </summary>
public sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly Uri _uri;
    private readonly string _path;
    private readonly int _receiveBufferSize;
    private readonly StringBuilder _pending = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Socket _socket;
    private WebSocket _webSocket;
    private Task? _pinging;
    private int _invocationId;

    // Stateful reconnect's count of the invocation messages received, and how many of those the
    // server sends again after a reconnect, which are dropped as the SignalR clients drop them.
    private long _received;
    private long _resentToSkip;

    private RawHubClient(Uri uri, string path, int receiveBufferSize, Socket socket, WebSocket webSocket)
    {
        _uri = uri;
        _path = path;
        _receiveBufferSize = receiveBufferSize;
        _socket = socket;
        _webSocket = webSocket;
    }

    /// <summary>Messages the server sent again after a stateful reconnect that this client already had, dropped.</summary>
    public long ResentDropped { get; private set; }

    /// <summary>The highest of this client's messages the server has acknowledged (stateful reconnect only).</summary>
    public long AcknowledgedUpTo { get; private set; }

    /// <summary>Events read, in arrival order.</summary>
    public List<ClassEvent> Events { get; } = [];

    /// <summary>Set once the server has closed the connection (close frame, close message or reset).</summary>
    public string? ClosedWith { get; private set; }

    /// <param name="statefulReconnect">Negotiates SignalR's stateful reconnect first and asks for
    /// version 2 of the hub protocol, which it needs: the server keeps a buffer of unacknowledged
    /// messages for the connection, which this client never acknowledges, and acknowledges the
    /// client's invocations about once a second.</param>
    public static async Task<RawHubClient> ConnectAsync(string baseUrl, int receiveBufferSize = 4096, bool statefulReconnect = false)
    {
        var uri = new Uri(baseUrl);
        var path = statefulReconnect ? $"{HubNames.Path}?id={Uri.EscapeDataString(await NegotiateStatefulAsync(uri))}" : HubNames.Path;
        var (socket, webSocket) = await OpenAsync(uri, path, receiveBufferSize);
        var client = new RawHubClient(uri, path, receiveBufferSize, socket, webSocket);
        await client.SendAsync($"{{\"protocol\":\"json\",\"version\":{(statefulReconnect ? 2 : 1)}}}");
        var handshake = await client.ReadMessageAsync(TimeSpan.FromSeconds(10));
        if (handshake is null || handshake.RootElement.TryGetProperty("error", out _))
        {
            throw new InvalidOperationException("The hub handshake failed.");
        }

        return client;
    }

    /// <summary>
    /// Drops the socket, as a phone losing its Wi-Fi does, and opens a new one to the same
    /// connection, as SignalR's stateful reconnect does: no handshake, and the server sends again
    /// what it has not had acknowledged. Only for a client that negotiated stateful reconnect.
    /// </summary>
    public async Task DropAndResumeAsync()
    {
        _webSocket.Abort();
        _socket.Dispose();
        _pending.Clear();
        (_socket, _webSocket) = await OpenAsync(_uri, _path, _receiveBufferSize);
    }

    private static async Task<(Socket Socket, WebSocket WebSocket)> OpenAsync(Uri uri, string path, int receiveBufferSize)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            // Set before connecting, so the window the client advertises stays this small.
            ReceiveBufferSize = receiveBufferSize,
            NoDelay = true,
        };
        await socket.ConnectAsync(IPAddress.Loopback, uri.Port);
        var stream = new NetworkStream(socket, ownsSocket: false);

        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var request = $"GET {path} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var response = await ReadHeadersAsync(stream);
        if (!response.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            socket.Dispose();
            throw new InvalidOperationException($"The WebSocket upgrade was refused: {response}");
        }

        return (socket, WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero }));
    }

    private static async Task<string> NegotiateStatefulAsync(Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        using var response = await http.PostAsync($"{HubNames.Path}/negotiate?negotiateVersion=1&useStatefulReconnect=true", null);
        response.EnsureSuccessStatusCode();
        using var negotiation = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!negotiation.RootElement.TryGetProperty("useStatefulReconnect", out var stateful) || !stateful.GetBoolean())
        {
            throw new InvalidOperationException("The server did not grant stateful reconnect.");
        }

        return negotiation.RootElement.GetProperty("connectionToken").GetString()!;
    }

    public async Task<JoinResult> JoinAsParentAsync(string joinCode, string displayName)
    {
        var result = await InvokeAsync(nameof(IClassHub.JoinAsParent), joinCode, displayName);
        return result.Deserialize<JoinResult>(Json)!;
    }

    /// <summary>Checks in without waiting for the answer, as a client that is not reading can.</summary>
    public Task CheckInWithoutWaitingAsync(CheckInStatus status) =>
        SendAsync(JsonSerializer.Serialize(new { type = 1, target = nameof(IClassHub.CheckIn), arguments = new object?[] { status.ToString(), null } }, Json));

    /// <summary>Stops reading (the socket's buffers fill up) but keeps sending pings, so the server sees a live client.</summary>
    public void StopReadingKeepPinging(TimeSpan interval)
    {
        _pinging = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, _stop.Token);
                    await SendAsync("{\"type\":6}");
                }
                catch (Exception)
                {
                    return;
                }
            }
        });
    }

    /// <summary>Reads again: everything the server managed to send, until it closes the connection or <paramref name="timeout"/> passes.</summary>
    public Task ReadUntilClosedAsync(TimeSpan timeout) => ReadUntilAsync(done: () => false, timeout);

    /// <summary>Reads again until an event with <paramref name="seq"/> has come, the server closes the connection or <paramref name="timeout"/> passes.</summary>
    public Task ReadUntilSeqAsync(long seq, TimeSpan timeout) =>
        ReadUntilAsync(done: () => Events.Count > 0 && Events[^1].Seq >= seq, timeout);

    public async ValueTask DisposeAsync()
    {
        await StopPingingAsync();
        _webSocket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        await StopPingingAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (ClosedWith is null && DateTime.UtcNow < deadline && !done())
        {
            var message = await ReadMessageAsync(deadline - DateTime.UtcNow, until: done);
            message?.Dispose();
        }
    }

    private async Task StopPingingAsync()
    {
        await _stop.CancelAsync();
        if (_pinging is not null)
        {
            await _pinging;
        }
    }

    private async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = (++_invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }, Json));
        while (true)
        {
            using var message = await ReadMessageAsync(TimeSpan.FromSeconds(15))
                ?? throw new InvalidOperationException($"No answer to {target}: {ClosedWith}");
            var root = message.RootElement;
            if (root.GetProperty("type").GetInt32() == 3 && root.GetProperty("invocationId").GetString() == id)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    throw new InvalidOperationException(error.GetString());
                }

                return root.GetProperty("result").Clone();
            }
        }
    }

    private async Task SendAsync(string message)
    {
        await _sendGate.WaitAsync();
        try
        {
            await _webSocket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>
    /// The next hub message other than a ping; events are recorded on the way. Null once closed or
    /// timed out, or once <paramref name="until"/> holds after an event.
    /// </summary>
    private async Task<JsonDocument?> ReadMessageAsync(TimeSpan timeout, Func<bool>? until = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var separator = _pending.ToString().IndexOf(RecordSeparator);
            if (separator >= 0)
            {
                var text = _pending.ToString(0, separator);
                _pending.Remove(0, separator + 1);
                var document = JsonDocument.Parse(text);
                if (!Record(document.RootElement))
                {
                    document.Dispose();
                    if (until?.Invoke() == true)
                    {
                        return null;
                    }

                    continue;
                }

                return document;
            }

            if (ClosedWith is not null)
            {
                return null;
            }

            try
            {
                var result = await _webSocket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ClosedWith = $"close frame {result.CloseStatus} {result.CloseStatusDescription}";
                    return null;
                }

                _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or SocketException)
            {
                ClosedWith = $"reset: {exception.Message}";
                return null;
            }
        }
    }

    /// <summary>Records events and close messages; true when the message is for the caller.</summary>
    private bool Record(JsonElement root)
    {
        var kind = root.TryGetProperty("type", out var type) ? type.GetInt32() : 0;
        if (kind is >= 1 and <= 5)
        {
            // An invocation, stream item, completion or cancellation: what stateful reconnect numbers.
            if (_resentToSkip > 0)
            {
                _resentToSkip--;
                ResentDropped++;
                return false;
            }

            _received++;
        }

        switch (kind)
        {
            case 8:
                AcknowledgedUpTo = root.GetProperty("sequenceId").GetInt64();
                return false;
            case 9:
                // The next message is the one numbered so: those this client already has are dropped.
                _resentToSkip = Math.Max(0, _received - root.GetProperty("sequenceId").GetInt64() + 1);
                return false;
            case 1 when root.GetProperty("target").GetString() == nameof(IClassClient.ClassEvent):
                Events.Add(root.GetProperty("arguments")[0].Deserialize<ClassEvent>(Json)!);
                return false;
            case 6:
                return false;
            case 7:
                ClosedWith = "close message: " + (root.TryGetProperty("error", out var error) ? error.GetString() : "(no error)");
                return false;
            default:
                return true;
        }
    }

    private static async Task<string> ReadHeadersAsync(NetworkStream stream)
    {
        // Byte by byte, so nothing after the headers (the first WebSocket frame) is consumed here.
        var headers = new StringBuilder();
        var one = new byte[1];
        while (!headers.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                break;
            }

            headers.Append((char)one[0]);
        }

        return headers.ToString();
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions();
        WireFormats.ConfigureJson(options);
        return options;
    }
}
