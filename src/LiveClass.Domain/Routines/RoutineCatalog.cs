using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>
/// The built-in routines: the full-body routine, and the five-week series in which each week adds a body area
/// and briefly reviews the earlier ones. Legs always come first, as they are the least vulnerable area.
/// </summary>
public static class RoutineCatalog
{
    public const string FullBodyId = "full-body";

    private static readonly FrozenDictionary<string, Routine> ById;

    static RoutineCatalog()
    {
        FullBody = new RoutineBuilder(FullBodyId, "Full body")
            .Add(LegAndFootStrokes.Section)
            .Add(TummyStrokes.Section)
            .Add(ChestStrokes.Section)
            .Add(ArmAndHandStrokes.Section)
            .Add(FaceStrokes.Section)
            .Add(BackStrokes.Section)
            .Add(GentleMovementStrokes.Section)
            .Add(ClosingStrokes.RestAndCuddle)
            .Build();

        var week1 = new RoutineBuilder("week-1", "Week 1: Legs and feet")
            .Add(LegAndFootStrokes.Section)
            .Add(ClosingStrokes.RestAndCuddle)
            .Build();

        var week2 = new RoutineBuilder("week-2", "Week 2: Tummy")
            .Add(LegAndFootStrokes.Review)
            .Add(TummyStrokes.Section)
            .Add(ClosingStrokes.RestAndCuddle)
            .Build();

        var week3 = new RoutineBuilder("week-3", "Week 3: Chest, arms and hands")
            .Add(LegAndFootStrokes.Review)
            .Add(TummyStrokes.Review)
            .Add(ChestStrokes.Section)
            .Add(ArmAndHandStrokes.Section)
            .Add(ClosingStrokes.RestAndCuddle)
            .Build();

        var week4 = new RoutineBuilder("week-4", "Week 4: Face and back")
            .Add(LegAndFootStrokes.Review)
            .Add(TummyStrokes.Review)
            .Add(ChestStrokes.Review)
            .Add(ArmAndHandStrokes.Review)
            .Add(FaceStrokes.Section)
            .Add(BackStrokes.Section)
            .Add(ClosingStrokes.RestAndCuddle)
            .Build();

        var week5 = new RoutineBuilder("week-5", "Week 5: Gentle movements and review")
            .Add(LegAndFootStrokes.Review)
            .Add(TummyStrokes.Review)
            .Add(ChestStrokes.Review)
            .Add(ArmAndHandStrokes.Review)
            .Add(FaceStrokes.Review)
            .Add(BackStrokes.Review)
            .Add(GentleMovementStrokes.Section)
            .Add(ClosingStrokes.RestAndCuddle)
            .Build();

        All = Array.AsReadOnly([FullBody, week1, week2, week3, week4, week5]);

        // ToFrozenDictionary throws on a duplicate id, so a mistake here fails at start-up, not in a class.
        ById = All.ToFrozenDictionary(routine => routine.Id, StringComparer.Ordinal);
    }

    /// <summary>Every built-in routine: full body first, then weeks 1 to 5.</summary>
    public static IReadOnlyList<Routine> All { get; }

    /// <summary>The routine a class gets when none is chosen.</summary>
    public static Routine FullBody { get; }

    /// <summary>Finds a routine by its exact id (ordinal, case-sensitive).</summary>
    public static bool TryGet(string id, [NotNullWhen(true)] out Routine? routine)
    {
        if (id is null)
        {
            routine = null;
            return false;
        }

        return ById.TryGetValue(id, out routine);
    }
}
