using System.Net;
using System.Net.Sockets;

namespace LiveClass.Testing;

/// <summary>
/// A TCP proxy on loopback that forwards to a server, passing what the server sends at most at
/// a given rate, like a poor mobile link. What clients send passes at full speed.
/// </summary>
public sealed class ThrottledProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly int _bytesPerSecond;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Task _accepting;

    public ThrottledProxy(string targetBaseUrl, int bytesPerSecond)
    {
        _targetPort = new Uri(targetBaseUrl).Port;
        _bytesPerSecond = bytesPerSecond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception)
        {
            // Stopping the listener ends the accept loop with an error.
        }

        Task[] pumps;
        lock (_pumps)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient { ReceiveBufferSize = 8192 };
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            var pair = Task.WhenAll(
                PumpAsync(client.GetStream(), server.GetStream(), bytesPerSecond: null),
                PumpAsync(server.GetStream(), client.GetStream(), _bytesPerSecond));
            lock (_pumps)
            {
                _pumps.Add(pair.ContinueWith(_ =>
                {
                    client.Dispose();
                    server.Dispose();
                }, TaskScheduler.Default));
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, int? bytesPerSecond)
    {
        var buffer = new byte[bytesPerSecond is { } rate ? Math.Max(256, rate / 20) : 16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                if (bytesPerSecond is { } limit)
                {
                    // Each chunk takes the time the link needs for it; meanwhile nothing is read.
                    await Task.Delay(TimeSpan.FromSeconds((double)read / limit), _stop.Token);
                }
            }
        }
        catch (Exception)
        {
            // Either side went away, or the proxy stops.
        }
        finally
        {
            try
            {
                to.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception)
            {
                // Already closed.
            }
        }
    }
}
