namespace LiveClass.Tests.Memory;

/// <summary>
/// Tests that start and watch the process's real gen-2 collections run alone: a collection that
/// another test's server starts at the same moment would be counted as theirs, or would swallow
/// the one they ask for.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeHeapCollection
{
    public const string Name = "Runtime heap";
}
