namespace LiveClass.Domain;

/// <summary>
/// A sliding window of accepted chat messages per participant. It lives in memory only: after a
/// restart everyone starts with a fresh window, which is harmless.
/// </summary>
public sealed class ChatRateLimiter(int messagesPerWindow, TimeSpan window)
{
    private readonly Dictionary<string, Queue<long>> _accepted = new(StringComparer.Ordinal);

    public bool IsAllowed(string participantId, long now)
    {
        if (!_accepted.TryGetValue(participantId, out var times))
        {
            return true;
        }

        var windowStart = now - (long)window.TotalMilliseconds;
        while (times.Count > 0 && times.Peek() <= windowStart)
        {
            times.Dequeue();
        }

        return times.Count < messagesPerWindow;
    }

    public void Record(string participantId, long now)
    {
        if (!_accepted.TryGetValue(participantId, out var times))
        {
            _accepted[participantId] = times = new Queue<long>(messagesPerWindow);
        }

        times.Enqueue(now);
    }
}
