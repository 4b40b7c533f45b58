using LiveClass.Contracts;
using LiveClass.Server.Realtime;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveClass.Tests.Realtime;

/// <summary>
/// The server's keep-alive pings, sent by each connection's outbox in turn with its events: a family
/// in a class where nothing happens still hears from the server within its client's server timeout.
/// </summary>
[Collection(MeasuredLatencyCollection.Name)]
public sealed class KeepAliveTests
{
    [Theory, EveryWireProtocol]
    public async Task A_family_in_a_quiet_class_keeps_hearing_from_the_server_and_stays_connected(WireProtocol protocol)
    {
        await using var server = await LiveClassServer.StartAsync("Delivery:KeepAliveInterval=00:00:00.200");
        var created = await server.CreateClassAsync();
        var pings = new ReceivedPings();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithClassHub(server.BaseUrl)
            .AddClassProtocol(protocol)
            .WithStatefulReconnect()
            // A client that gives up on a server it has not heard from for a second.
            .WithServerTimeout(TimeSpan.FromSeconds(1))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(pings))
            .Build();
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        await connection.InvokeAsync<JoinResult>(nameof(IClassHub.JoinAsParent), created.JoinCode, "Quiet family");

        // Four server timeouts of the client's with nothing happening in the class.
        var first = await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(4)));

        Assert.NotSame(closed.Task, first);
        Assert.Equal(HubConnectionState.Connected, connection.State);
        // About five a second: more than SignalR's own ping could send, which is checked at most once a second.
        Assert.InRange(pings.Count, 10, 40);
    }

    [Fact]
    public async Task SignalR_own_ping_is_off_because_it_would_interleave_with_stateful_reconnect_acknowledgements()
    {
        await using var server = await LiveClassServer.StartAsync();

        // As SignalR's connection handler takes it: the hub's own setting, else the global one.
        var keepAlive = server.Services.GetRequiredService<IOptions<HubOptions<ClassHub>>>().Value.KeepAliveInterval
            ?? server.Services.GetRequiredService<IOptions<HubOptions>>().Value.KeepAliveInterval;

        Assert.Equal(TimeSpan.MaxValue, keepAlive);
        Assert.Equal(TimeSpan.FromSeconds(15), server.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value.KeepAliveInterval);
    }

    [Theory]
    [InlineData("00:05:00")]
    [InlineData("00:00:00.200")]
    public async Task Nothing_is_written_to_a_connection_beside_an_acknowledgement_that_is_half_written(string keepAliveInterval)
    {
        // With stateful reconnect, SignalR acknowledges what a client sent about once a second,
        // under a lock of its own. Each acknowledgement here stays half-written for a while, and the
        // client keeps sending, so one is half-written most of the time: a message written beside
        // it, not in turn (as SignalR's own ping, every 15 s), would land in its middle: the client
        // drops the connection as unreadable, or waits for the rest of a message that never comes
        // and reads nothing more. With the outboxes' pings off, only SignalR's could be, and the
        // wait covers more than its interval; with them on, they wait their turn behind each one.
        await using var server = await LiveClassServer.StartAsync($"Delivery:KeepAliveInterval={keepAliveInterval}");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithClassHub(server.BaseUrl)
            .AddClassProtocol(WireProtocol.MessagePack)
            .WithStatefulReconnect()
            .Build();
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        var held = HalfWrittenAcknowledgements.Hold(server.Services.GetRequiredService<ConnectionOutboxes>().Get(connection.ConnectionId!)!.Connection);

        var end = DateTime.UtcNow + TimeSpan.FromSeconds(18);
        while (DateTime.UtcNow < end && !closed.Task.IsCompleted)
        {
            // Sent without waiting for an answer, so that nothing else is written to the connection.
            await connection.SendAsync(nameof(IClassHub.Ping), 1L);
            await Task.Delay(100);
        }

        Assert.False(closed.Task.IsCompleted, $"the connection was dropped: {(closed.Task.IsCompleted ? (await closed.Task)?.Message : null)}");
        Assert.True(held.Count >= 5, $"{held.Count} acknowledgements were held half-written");
        // The wire is still readable: a call is answered.
        var answer = await connection.InvokeAsync<PingResult>(nameof(IClassHub.Ping), 7L).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(7, answer.ClientTime);
    }

    /// <summary>Counts the pings a SignalR client logs as received.</summary>
    private sealed class ReceivedPings : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == "ReceivedPing")
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void Dispose()
        {
        }
    }
}
