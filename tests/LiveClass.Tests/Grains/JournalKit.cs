using LiveClass.Contracts;
using LiveClass.Grains.Journal;

namespace LiveClass.Tests.Grains;

/// <summary>Small steps the journal tests share.</summary>
internal static class JournalKit
{
    /// <summary>A step change of <paramref name="classId"/> with seq <paramref name="seq"/>, as a journal entry.</summary>
    public static JournalEntry Entry(string classId, long seq) =>
        new(classId, new ClassEvent(seq, 1_000 + seq, ClassEventKind.StepChanged, "instructor", StepIndex: (int)(seq % 5)), Receipt: null);
}
