using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>Lays strokes out in order and numbers them, so a step's index always matches its place.</summary>
internal sealed class RoutineBuilder(string id, string name)
{
    private readonly List<Step> _steps = [];

    public RoutineBuilder Add(Stroke stroke)
    {
        _steps.Add(stroke.ToStep(_steps.Count));
        return this;
    }

    public RoutineBuilder Add(IEnumerable<Stroke> strokes)
    {
        foreach (var stroke in strokes)
        {
            Add(stroke);
        }

        return this;
    }

    public Routine Build() => new(id, name, _steps.ToArray().AsReadOnly());
}
