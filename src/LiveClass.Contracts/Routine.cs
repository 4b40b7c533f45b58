namespace LiveClass.Contracts;

/// <summary>One stroke of a routine, as the instructor demonstrates it on the doll.</summary>
/// <param name="DollPose">Identifies the motion the web app draws on the doll (see docs/protocol.md).</param>
/// <param name="Cues">Short reminders for the instructor while teaching this step.</param>
[GenerateSerializer, Immutable]
public sealed record Step(
    int Index,
    BodyArea Area,
    string Name,
    string Instructions,
    int Repetitions,
    string DollPose,
    IReadOnlyList<string> Cues);

[GenerateSerializer, Immutable]
public sealed record Routine(string Id, string Name, IReadOnlyList<Step> Steps);
