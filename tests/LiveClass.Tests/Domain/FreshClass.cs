using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

/// <summary>
/// Shortcuts for the arrangement most domain tests start from: a fresh <see cref="ClassHarness"/>
/// with its instructor joined.
/// </summary>
internal static class FreshClass
{
    /// <summary>A fresh class with one parent admitted; returns both.</summary>
    public static (ClassHarness Harness, string Parent) WithParent(string displayName = "Sam")
    {
        var harness = new ClassHarness();
        return (harness, harness.AddParent(displayName));
    }

    /// <summary>
    /// Asserts that <paramref name="call"/> on a fresh class fails with <paramref name="code"/> and changes
    /// nothing; <paramref name="after"/>, when given, runs first to bring the class into shape.
    /// </summary>
    public static void AssertRejects(string code, Action<ClassSession> call, Action<ClassSession>? after = null)
    {
        var harness = new ClassHarness();
        after?.Invoke(harness.Session);
        harness.AssertRejected(code, () => call(harness.Session));
    }
}
