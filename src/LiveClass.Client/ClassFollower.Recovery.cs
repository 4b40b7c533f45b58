using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.Client;

// How a follower takes live events, and gets back in step after a gap or a lost connection.
public sealed partial class ClassFollower
{
    private void OnEvent(ClassHubConnection source, ClassEvent evt)
    {
        if (!ReferenceEquals(source, _hub))
        {
            return;
        }

        EventReceived?.Invoke(evt);
        SequenceOutcome outcome;
        lock (_lock)
        {
            outcome = _sequencer.Offer(evt);
        }

        if (outcome == SequenceOutcome.Gap && _options.RejoinOnGap)
        {
            _ = GetBackInStepAsync(reconnect: false);
        }
    }

    private void OnApplied(ClassEvent evt)
    {
        Mirror.Apply(evt);
        EventApplied?.Invoke(evt);
    }

    private Task OnClosed(ClassHubConnection source)
    {
        if (_options.ReconnectOnClose && !_stopped && ReferenceEquals(source, _hub))
        {
            _ = GetBackInStepAsync(reconnect: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Rejoins from the last applied seq, first on a new connection when <paramref name="reconnect"/> or the current one is gone.</summary>
    private async Task GetBackInStepAsync(bool reconnect)
    {
        await _resync.WaitAsync();
        try
        {
            var deadline = DateTime.UtcNow + _options.Patience;
            for (var attempt = 0; !_stopped && !IsInStep && DateTime.UtcNow < deadline; attempt++)
            {
                try
                {
                    if (reconnect || _hub?.Connection.State != HubConnectionState.Connected)
                    {
                        await DropAsync();
                        await ConnectAsync().WaitAsync(_options.ConnectTimeout);
                        Reconnects++;
                        reconnect = false;
                        if (_stopped)
                        {
                            // Disposed while connecting: the new connection must not outlive the follower.
                            await DropAsync();
                            return;
                        }
                    }

                    await RejoinAsync().WaitAsync(_options.AttemptTimeout);
                    BackInStep?.Invoke();
                }
                catch (Exception exception)
                {
                    RejoinFailed?.Invoke(exception);
                    if (HasCode(exception, ErrorCodes.Forbidden))
                    {
                        return;
                    }

                    // The server is gone or the class is moving between servers: try again, elsewhere if need be;
                    // "unavailable" asks for a quick, quiet retry.
                    reconnect = _hub?.Connection.State != HubConnectionState.Connected;
                    await Task.Delay(HasCode(exception, ErrorCodes.Unavailable)
                        ? TimeSpan.FromMilliseconds(250)
                        : TimeSpan.FromMilliseconds(Math.Min(2000, 200 * (attempt + 1))));
                }
            }
        }
        finally
        {
            _resync.Release();
        }
    }

    private static bool HasCode(Exception exception, string code) =>
        exception is HubException && exception.Message.StartsWith(code + ":", StringComparison.Ordinal);
}
