using LiveClass.Contracts;
using LiveClass.Domain.Routines;

namespace LiveClass.Tests.Domain;

public sealed class RoutineCatalogTests
{
    private static readonly string[] ExpectedIds = ["full-body", "week-1", "week-2", "week-3", "week-4", "week-5"];

    public static TheoryData<string> RoutineIds => new(ExpectedIds);

    /// <summary>The opening step of each section of the full-body routine, where the parent asks permission.</summary>
    private static readonly BodyArea[] PermissionAreas =
    [
        BodyArea.Legs, BodyArea.Tummy, BodyArea.Chest, BodyArea.Arms, BodyArea.Face, BodyArea.Back, BodyArea.GentleMovements,
    ];

    private static Routine Get(string id)
    {
        Assert.True(RoutineCatalog.TryGet(id, out var routine), $"routine '{id}' not found");
        return routine;
    }

    [Fact]
    public void Ids_are_unique_and_the_six_expected_ids_are_present_in_order()
    {
        var ids = RoutineCatalog.All.Select(r => r.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ExpectedIds, ids);
        Assert.Equal(RoutineCatalog.FullBodyId, RoutineCatalog.All[0].Id);
    }

    [Fact]
    public void FullBody_is_the_first_routine_and_found_by_its_id()
    {
        Assert.Same(RoutineCatalog.All[0], RoutineCatalog.FullBody);
        Assert.Same(RoutineCatalog.FullBody, Get(RoutineCatalog.FullBodyId));
        Assert.Equal("Full body", RoutineCatalog.FullBody.Name);
    }

    [Fact]
    public void FullBody_has_at_least_forty_steps()
    {
        Assert.True(RoutineCatalog.FullBody.Steps.Count >= 40, $"only {RoutineCatalog.FullBody.Steps.Count} steps");
    }

    [Fact]
    public void FullBody_covers_every_area_legs_first_and_relaxation_last()
    {
        var steps = RoutineCatalog.FullBody.Steps;

        Assert.Equal(Enum.GetValues<BodyArea>().ToHashSet(), steps.Select(s => s.Area).ToHashSet());
        Assert.Equal(BodyArea.Legs, steps[0].Area);
        Assert.Equal(BodyArea.Relaxation, steps[^1].Area);
    }

    [Theory]
    [MemberData(nameof(RoutineIds))]
    public void Indices_run_from_zero_to_n_minus_one_in_order(string id)
    {
        var steps = Get(id).Steps;

        Assert.NotEmpty(steps);
        Assert.Equal(Enumerable.Range(0, steps.Count), steps.Select(s => s.Index));
    }

    [Theory]
    [MemberData(nameof(RoutineIds))]
    public void Every_step_is_well_formed(string id)
    {
        var routine = Get(id);
        Assert.False(string.IsNullOrWhiteSpace(routine.Name));

        foreach (var step in routine.Steps)
        {
            var where = $"{id} step {step.Index} '{step.Name}'";
            Assert.True(Enum.IsDefined(step.Area), where);
            Assert.False(string.IsNullOrWhiteSpace(step.Name), where);
            Assert.False(string.IsNullOrWhiteSpace(step.Instructions), where);
            Assert.True(step.Instructions.Length <= 400, $"{where}: instructions are {step.Instructions.Length} characters");
            Assert.True(step.Repetitions >= 1, where);
            Assert.Contains(step.DollPose, DollPoses.All);

            Assert.NotEmpty(step.Cues);
            Assert.True(step.Cues.Count <= 3, $"{where}: {step.Cues.Count} cues");
            Assert.All(step.Cues, cue =>
            {
                Assert.False(string.IsNullOrWhiteSpace(cue), where);
                Assert.True(cue.Length <= 100, $"{where}: cue '{cue}' is {cue.Length} characters");
            });
        }
    }

    [Theory]
    [MemberData(nameof(RoutineIds))]
    public void Resting_hands_steps_are_done_once(string id)
    {
        Assert.All(
            Get(id).Steps.Where(s => s.DollPose == DollPoses.Rest),
            step => Assert.Equal(1, step.Repetitions));
    }

    [Theory]
    [MemberData(nameof(RoutineIds))]
    public void Every_routine_opens_by_asking_permission_for_the_legs(string id)
    {
        var first = Get(id).Steps[0];

        Assert.Equal(BodyArea.Legs, first.Area);
        Assert.Equal(DollPoses.Rest, first.DollPose);
        Assert.Contains(first.Cues, cue => cue.Contains("permission", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("week-1", new[] { BodyArea.Legs, BodyArea.Feet })]
    [InlineData("week-2", new[] { BodyArea.Tummy })]
    [InlineData("week-3", new[] { BodyArea.Chest, BodyArea.Arms, BodyArea.Hands })]
    [InlineData("week-4", new[] { BodyArea.Face, BodyArea.Back })]
    [InlineData("week-5", new[] { BodyArea.GentleMovements })]
    public void Each_week_contains_the_areas_it_introduces(string id, BodyArea[] introduced)
    {
        var areas = Get(id).Steps.Select(s => s.Area).ToHashSet();

        Assert.All(introduced, area => Assert.Contains(area, areas));
    }

    [Theory]
    [InlineData("week-1", new[] { BodyArea.Tummy, BodyArea.Chest, BodyArea.Arms, BodyArea.Face, BodyArea.Back, BodyArea.GentleMovements })]
    [InlineData("week-2", new[] { BodyArea.Chest, BodyArea.Arms, BodyArea.Face, BodyArea.Back, BodyArea.GentleMovements })]
    [InlineData("week-3", new[] { BodyArea.Face, BodyArea.Back, BodyArea.GentleMovements })]
    [InlineData("week-4", new[] { BodyArea.GentleMovements })]
    public void No_week_teaches_an_area_from_a_later_week(string id, BodyArea[] later)
    {
        var areas = Get(id).Steps.Select(s => s.Area).ToHashSet();

        Assert.All(later, area => Assert.DoesNotContain(area, areas));
    }

    [Theory]
    [InlineData("week-2", BodyArea.Legs)]
    [InlineData("week-3", BodyArea.Tummy)]
    [InlineData("week-4", BodyArea.Arms)]
    [InlineData("week-5", BodyArea.Back)]
    public void Later_weeks_briefly_review_earlier_areas(string id, BodyArea reviewed)
    {
        Assert.Contains(Get(id).Steps, s => s.Area == reviewed);
    }

    [Theory]
    [MemberData(nameof(RoutineIds))]
    public void Tummy_strokes_that_circle_go_clockwise(string id)
    {
        var tummy = Get(id).Steps.Where(s => s.Area == BodyArea.Tummy).ToList();

        Assert.DoesNotContain(tummy, s => s.DollPose == DollPoses.Circles);
        Assert.All(
            tummy.Where(s => Mentions(s, "circle") || Mentions(s, "clockwise")),
            s => Assert.Equal(DollPoses.Clockwise, s.DollPose));
    }

    [Fact]
    public void The_full_body_tummy_has_its_clockwise_strokes()
    {
        var tummy = RoutineCatalog.FullBody.Steps.Where(s => s.Area == BodyArea.Tummy).ToList();

        foreach (var name in new[] { "Sun and moon", "I love you", "Walking" })
        {
            var step = Assert.Single(tummy, s => s.Name == name);
            Assert.Equal(DollPoses.Clockwise, step.DollPose);
        }
    }

    [Fact]
    public void Each_area_in_full_body_starts_with_a_resting_hands_step()
    {
        foreach (var group in RoutineCatalog.FullBody.Steps.GroupBy(s => s.Area))
        {
            var first = group.First();
            Assert.True(first.DollPose == DollPoses.Rest, $"{group.Key} opens with '{first.Name}' ({first.DollPose})");
            Assert.Equal(1, first.Repetitions);
        }
    }

    [Fact]
    public void Each_section_of_full_body_opens_by_asking_permission()
    {
        foreach (var area in PermissionAreas)
        {
            var first = RoutineCatalog.FullBody.Steps.First(s => s.Area == area);
            Assert.True(
                first.Cues.Any(c => c.Contains("permission", StringComparison.OrdinalIgnoreCase)),
                $"{area} opens with '{first.Name}', which does not ask permission");
        }
    }

    [Fact]
    public void The_face_is_done_without_oil()
    {
        var first = RoutineCatalog.FullBody.Steps.First(s => s.Area == BodyArea.Face);

        Assert.Contains(first.Cues, c => c.Contains("without oil", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_back_is_done_across_the_lap_or_tummy_down()
    {
        var first = RoutineCatalog.FullBody.Steps.First(s => s.Area == BodyArea.Back);

        Assert.True(Mentions(first, "lap") && Mentions(first, "tummy-down"), first.Instructions);
        Assert.All(
            RoutineCatalog.FullBody.Steps.Where(s => s.Area == BodyArea.Back && s.DollPose != DollPoses.Rest),
            s => Assert.Contains(s.DollPose, new[] { DollPoses.Sweep, DollPoses.Circles }));
    }

    [Fact]
    public void Gentle_movements_never_go_past_resistance()
    {
        var movements = RoutineCatalog.FullBody.Steps.Where(s => s.Area == BodyArea.GentleMovements).ToList();

        Assert.NotEmpty(movements);
        Assert.All(movements, s => Assert.Contains(s.Cues, c => c.Contains("resistance", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Disengagement_cues_are_taught()
    {
        Assert.Contains(
            RoutineCatalog.FullBody.Steps.SelectMany(s => s.Cues),
            c => c.Contains("pause with resting hands", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(RoutineIds))]
    public void TryGet_finds_each_id(string id)
    {
        Assert.True(RoutineCatalog.TryGet(id, out var routine));
        Assert.Equal(id, routine.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("week-6")]
    [InlineData("week-0")]
    [InlineData("Full-Body")]
    [InlineData("FULL-BODY")]
    [InlineData("Week-1")]
    [InlineData(" full-body")]
    [InlineData("full-body ")]
    [InlineData("full body")]
    public void TryGet_rejects_unknown_and_case_different_ids(string id)
    {
        Assert.False(RoutineCatalog.TryGet(id, out var routine));
        Assert.Null(routine);
    }

    [Fact]
    public void TryGet_rejects_null()
    {
        Assert.False(RoutineCatalog.TryGet(null!, out var routine));
        Assert.Null(routine);
    }

    [Fact]
    public void DollPoses_are_the_twelve_ids_the_web_app_draws()
    {
        string[] expected =
        [
            "rest", "glide-away", "glide-toward", "roll", "press", "clockwise",
            "circles", "open", "cross", "paddle", "bend", "sweep",
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), DollPoses.All.Order(StringComparer.Ordinal));
    }

    private static bool Mentions(Step step, string word) =>
        step.Name.Contains(word, StringComparison.OrdinalIgnoreCase)
        || step.Instructions.Contains(word, StringComparison.OrdinalIgnoreCase);
}
