using System.Diagnostics;
using System.Globalization;
using IClassHub = LiveClass.Contracts.IClassHub;

namespace LiveClass.Bench.Load;

/// <summary>
/// Open-loop load: every instructor acts E times a second, every parent chats and checks in at
/// random intervals around the scenario's means (never faster than the 5-per-10-s chat limit).
/// Calls are not awaited by the schedule, so a slow server gets the same load, not less.
/// </summary>
public static class LoadSchedule
{
    private static readonly string[] ChatLines =
    [
        "Baby loved the leg strokes!", "We need a little break, back soon", "Can you show the tummy one again?",
        "She fell asleep :)", "Thank you, this is so calming", "Is it ok if he is fussing a bit?",
    ];

    private static readonly string[] CheckIns = ["Ready", "Following", "Done", "Break", "Sleeping", "Fussy", "NeedHelp", "Away"];

    private enum Act { Instruct, Chat, CheckIn }

    public static async Task RunAsync(ScenarioRun run, bool chat, CancellationToken stop)
    {
        var random = new Random(7);
        var queue = FirstActs(run, chat, random);
        var chatCounter = 0L;
        while (!stop.IsCancellationRequested && queue.Count > 0)
        {
            var now = Stopwatch.GetTimestamp();
            while (queue.TryPeek(out var item, out var due) && due <= now)
            {
                queue.Dequeue();
                queue.Enqueue(item, due + Ticks(Perform(run, item.Who, item.What, random, ref chatCounter)));
            }

            var wait = queue.TryPeek(out _, out var nextDue) ? Stopwatch.GetElapsedTime(now, nextDue) : TimeSpan.FromMilliseconds(10);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(wait.TotalMilliseconds, 1, 20)), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Everyone's first act, at a random point within their own interval.</summary>
    private static PriorityQueue<(Participant Who, Act What), long> FirstActs(ScenarioRun run, bool chat, Random random)
    {
        var plan = run.Plan;
        var queue = new PriorityQueue<(Participant Who, Act What), long>();
        var now = Stopwatch.GetTimestamp();
        foreach (var room in run.Rooms)
        {
            if (plan.InstructorEventsPerSecond > 0 && room.Instructor is { Joined: true } instructor)
            {
                queue.Enqueue((instructor, Act.Instruct), now + Ticks(random.NextDouble() / plan.InstructorEventsPerSecond));
            }

            foreach (var parent in chat ? room.Parents.Where(p => p.Joined) : [])
            {
                if (plan.ChatIntervalSeconds > 0)
                {
                    queue.Enqueue((parent, Act.Chat), now + Ticks(random.NextDouble() * plan.ChatIntervalSeconds));
                }

                if (plan.CheckInIntervalSeconds > 0)
                {
                    queue.Enqueue((parent, Act.CheckIn), now + Ticks(random.NextDouble() * plan.CheckInIntervalSeconds));
                }
            }
        }

        return queue;
    }

    /// <summary>Starts one call without waiting for it; returns the seconds until that participant's next act of the kind.</summary>
    private static double Perform(ScenarioRun run, Participant who, Act what, Random random, ref long chatCounter)
    {
        var plan = run.Plan;
        switch (what)
        {
            case Act.Instruct:
                var (method, args) = who.Room.NextInstructorAction(random);
                _ = who.InvokeChangeAsync(method, args, CancellationToken.None);
                return 1 / plan.InstructorEventsPerSecond;
            case Act.Chat:
                var id = (++chatCounter).ToString(CultureInfo.InvariantCulture);
                _ = who.InvokeChangeAsync(nameof(IClassHub.SendChat), [id, ChatLines[random.Next(ChatLines.Length)]], CancellationToken.None);
                return Math.Max(2.1, plan.ChatIntervalSeconds * (0.5 + random.NextDouble()));
            default:
                _ = who.InvokeChangeAsync(nameof(IClassHub.CheckIn), [CheckIns[random.Next(CheckIns.Length)], null], CancellationToken.None);
                return Math.Max(1, plan.CheckInIntervalSeconds * (0.5 + random.NextDouble()));
        }
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
