using System.Diagnostics;
using LiveClass.Contracts;

namespace LiveClass.Testing;

/// <summary>
/// The load the slow-client tests put on two classes at once: class A's instructor moves steps back
/// to back, as fast as the server answers (with several calls in flight when asked), and class B's
/// gives a cue every 100 ms.
/// </summary>
public static class TwoClassLoad
{
    /// <summary>
    /// Runs for at least <paramref name="minimum"/> and until <paramref name="until"/> holds (at most
    /// <paramref name="limit"/>), asking every <paramref name="poll"/>; class A's instructor keeps
    /// <paramref name="stepsInFlight"/> calls going. Returns the last seq of each class.
    /// </summary>
    public static async Task<(long A, long B)> RunAsync(IClassHub instructorA, IClassHub instructorB,
        TimeSpan minimum, Func<Task<bool>> until, TimeSpan limit, TimeSpan poll, int stepsInFlight = 1)
    {
        var clock = Stopwatch.StartNew();
        var done = false;
        var steps = Task.WhenAll(Enumerable.Range(0, stepsInFlight).Select(loop => Task.Run(async () =>
        {
            long last = 0;
            for (var i = loop; !Volatile.Read(ref done); i++)
            {
                last = await instructorA.GoToStep(i % 10);
            }

            return last;
        })));
        var cues = Task.Run(async () =>
        {
            long last = 0;
            while (!Volatile.Read(ref done))
            {
                last = await instructorB.SendCue(nameof(CueKind.Slow), null, null);
                await Task.Delay(100);
            }

            return last;
        });

        while (clock.Elapsed < minimum || (!await until() && clock.Elapsed < limit))
        {
            await Task.Delay(poll);
        }

        Volatile.Write(ref done, true);
        return ((await steps).Max(), await cues);
    }
}
