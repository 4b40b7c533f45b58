namespace LiveClass.Server.Limits;

/// <summary>
/// How many refusals are logged one by one: at most <paramref name="perSecond"/> a second, so that a
/// flood of refused requests cannot flood the log, nor make requests wait on a full log queue. The
/// refusals beyond it are only counted, and their number goes with the next one logged.
/// </summary>
public sealed class RefusalLogBudget(TimeProvider time, int perSecond = RefusalLogBudget.DefaultPerSecond)
{
    public const int DefaultPerSecond = 10;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private long _windowStart = long.MinValue;
    private int _logged;
    private long _skipped;

    /// <summary>
    /// True when this refusal is to be logged, with <paramref name="skipped"/> the refusals not
    /// logged since the last one that was; false when it is only to be counted.
    /// </summary>
    public bool TryTake(out long skipped)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            if (_windowStart == long.MinValue || time.GetElapsedTime(_windowStart, now) >= Window)
            {
                _windowStart = now;
                _logged = 0;
            }

            if (_logged < perSecond)
            {
                _logged++;
                skipped = _skipped;
                _skipped = 0;
                return true;
            }

            _skipped++;
            skipped = 0;
            return false;
        }
    }
}
