using System.Diagnostics;
using LiveClass.Contracts;
using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

/// <summary>Stands in for a silo's bridge: records every event a class delivers.</summary>
internal sealed class RecordingObserver : IClassEventObserver
{
    private readonly Lock _lock = new();
    private readonly List<ClassEvent> _events = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<long, TimeSpan> _receivedAt = [];
    private readonly List<string> _classIds = [];

    public IReadOnlyList<ClassEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToArray();
            }
        }
    }

    public IReadOnlyList<string> ClassIds
    {
        get
        {
            lock (_lock)
            {
                return _classIds.ToArray();
            }
        }
    }

    /// <summary>When (on this observer's stopwatch) the last event with this seq arrived.</summary>
    public TimeSpan ReceivedAt(long seq)
    {
        lock (_lock)
        {
            return _receivedAt[seq];
        }
    }

    public TimeSpan Now => _clock.Elapsed;

    public Task OnEvents(string classId, IReadOnlyList<ClassEvent> events)
    {
        lock (_lock)
        {
            _classIds.Add(classId);
            _events.AddRange(events);
            foreach (var evt in events)
            {
                _receivedAt[evt.Seq] = _clock.Elapsed;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits until the recorded events satisfy <paramref name="done"/>, or the patience runs out; returns them either way.</summary>
    public async Task<IReadOnlyList<ClassEvent>> WaitUntilAsync(Func<IReadOnlyList<ClassEvent>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = _clock.Elapsed + (timeout ?? GrainKit.Patience);
        var events = Events;
        while (!done(events) && _clock.Elapsed < deadline)
        {
            await Task.Delay(20);
            events = Events;
        }

        return events;
    }

    public Task<IReadOnlyList<ClassEvent>> WaitForCountAsync(int count) => WaitUntilAsync(events => events.Count >= count);
}
