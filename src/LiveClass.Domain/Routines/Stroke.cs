using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>
/// One stroke of the method, written once and placed into any routine that teaches or reviews it.
/// It has no index of its own: <see cref="RoutineBuilder"/> numbers it by where it lands.
/// </summary>
internal sealed class Stroke
{
    private readonly IReadOnlyList<string> _cues;

    public Stroke(BodyArea area, string name, int repetitions, string dollPose, string instructions, params string[] cues)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(instructions);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        if (!DollPoses.All.Contains(dollPose))
        {
            throw new ArgumentException($"Unknown doll pose '{dollPose}'.", nameof(dollPose));
        }

        if (cues.Length == 0)
        {
            throw new ArgumentException("A stroke needs at least one cue for the instructor.", nameof(cues));
        }

        Area = area;
        Name = name;
        Repetitions = repetitions;
        DollPose = dollPose;
        Instructions = instructions;
        _cues = Array.AsReadOnly((string[])cues.Clone());
    }

    public BodyArea Area { get; }

    public string Name { get; }

    public int Repetitions { get; }

    public string DollPose { get; }

    public string Instructions { get; }

    public Step ToStep(int index) => new(index, Area, Name, Instructions, Repetitions, DollPose, _cues);
}
