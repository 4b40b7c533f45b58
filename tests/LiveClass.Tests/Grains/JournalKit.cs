using LiveClass.Contracts;
using LiveClass.Grains.Journal;

namespace LiveClass.Tests.Grains;

/// <summary>Small steps the journal tests share.</summary>
internal static class JournalKit
{
    /// <summary>A step change of <paramref name="classId"/> with seq <paramref name="seq"/>, as a journal entry.</summary>
    public static JournalEntry Entry(string classId, long seq) =>
        new(classId, new ClassEvent(seq, 1_000 + seq, ClassEventKind.StepChanged, "instructor", StepIndex: (int)(seq % 5)), Receipt: null);

    /// <summary>Waits up to ten seconds for <paramref name="condition"/>, checking every 10 ms.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
