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

    private readonly Socket _socket;
    private readonly WebSocket _webSocket;
    private readonly StringBuilder _pending = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _pinging;
    private int _invocationId;

    private RawHubClient(Socket socket, WebSocket webSocket)
    {
        _socket = socket;
        _webSocket = webSocket;
    }

    /// <summary>Events read, in arrival order.</summary>
    public List<ClassEvent> Events { get; } = [];

    /// <summary>Set once the server has closed the connection (close frame, close message or reset).</summary>
    public string? ClosedWith { get; private set; }

    /// <param name="statefulReconnect">Negotiates SignalR's stateful reconnect first, so the server
    /// keeps a buffer of unacknowledged messages for the connection, which this client never acknowledges.</param>
    public static async Task<RawHubClient> ConnectAsync(string baseUrl, int receiveBufferSize = 4096, bool statefulReconnect = false)
    {
        var uri = new Uri(baseUrl);
        var path = statefulReconnect ? $"{HubNames.Path}?id={Uri.EscapeDataString(await NegotiateStatefulAsync(uri))}" : HubNames.Path;
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
            throw new InvalidOperationException($"The WebSocket upgrade was refused: {response}");
        }

        var webSocket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var client = new RawHubClient(socket, webSocket);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.ReadMessageAsync(TimeSpan.FromSeconds(10));
        if (handshake is null || handshake.RootElement.TryGetProperty("error", out _))
        {
            throw new InvalidOperationException("The hub handshake failed.");
        }

        return client;
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
    public async Task ReadUntilClosedAsync(TimeSpan timeout)
    {
        await StopPingingAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (ClosedWith is null && DateTime.UtcNow < deadline)
        {
            var message = await ReadMessageAsync(deadline - DateTime.UtcNow);
            message?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopPingingAsync();
        _webSocket.Abort();
        _socket.Dispose();
        _stop.Dispose();
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

    /// <summary>The next hub message other than a ping; events are recorded on the way. Null once closed or timed out.</summary>
    private async Task<JsonDocument?> ReadMessageAsync(TimeSpan timeout)
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
        switch (root.TryGetProperty("type", out var type) ? type.GetInt32() : 0)
        {
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
