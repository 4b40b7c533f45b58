using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

public sealed class ClassCreationGrainTests(ClusterFixture fixture) : ClusterGrainTests(fixture)
{
    [Fact]
    public async Task A_created_class_is_in_the_lobby_and_its_code_points_to_it()
    {
        var created = await GrainKit.CreateClassAsync(Grains, "  Week 2: Tummy ");

        var summary = await created.Grain.GetSummary();
        Assert.Equal(new ClassSummary(created.ClassId, "Week 2: Tummy", "Maya", ClassStatus.Lobby, 0), summary);
        Assert.Equal(created.ClassId, await Grains.GetGrain<IJoinCodeGrain>(created.JoinCode).GetClassId());
        var snapshot = await created.Grain.GetSnapshot();
        Assert.Equal(0, snapshot.Seq);
        Assert.Equal(JoinCode.Format(created.JoinCode), snapshot.JoinCode);
        Assert.Equal(RoutineCatalog.FullBody.Steps.Count, snapshot.Routine.Steps.Count);
    }

    [Fact]
    public async Task A_join_code_belongs_to_the_first_class_that_claims_it()
    {
        var code = JoinCode.NewCode();
        var codeGrain = Grains.GetGrain<IJoinCodeGrain>(code);
        Assert.Null(await codeGrain.GetClassId());

        Assert.True(await codeGrain.TryClaim("class-a"));
        Assert.True(await codeGrain.TryClaim("class-a"));
        Assert.False(await codeGrain.TryClaim("class-b"));

        Assert.Equal("class-a", await codeGrain.GetClassId());
    }

    [Fact]
    public async Task Only_the_class_that_holds_a_join_code_can_release_it()
    {
        var code = JoinCode.NewCode();
        var codeGrain = Grains.GetGrain<IJoinCodeGrain>(code);
        Assert.True(await codeGrain.TryClaim("class-a"));

        await codeGrain.Release("class-b");
        Assert.Equal("class-a", await codeGrain.GetClassId());

        await codeGrain.Release("class-a");
        Assert.Null(await codeGrain.GetClassId());
        Assert.True(await codeGrain.TryClaim("class-b"));
        Assert.Equal("class-b", await codeGrain.GetClassId());
    }

    [Fact]
    public async Task A_class_that_was_never_created_is_not_found()
    {
        var grain = Grains.GetGrain<IClassSessionGrain>(Secrets.NewClassId());

        Assert.Null(await grain.GetSummary());
        await GrainKit.AssertRejectedAsync(ErrorCodes.NotFound, () => grain.GetSnapshot());
        await GrainKit.AssertRejectedAsync(ErrorCodes.NotFound, () => grain.JoinAsParent("Sam"));
        await GrainKit.AssertRejectedAsync(ErrorCodes.NotFound, () => grain.JoinAsInstructor(Secrets.NewSecret()));
        await GrainKit.AssertRejectedAsync(ErrorCodes.NotFound, () => grain.Rejoin("someone", 0));
        Assert.Null(await grain.GetSummary());
    }

    [Fact]
    public async Task A_class_cannot_be_created_twice()
    {
        var created = await GrainKit.CreateClassAsync(Grains);

        await GrainKit.AssertRejectedAsync(ErrorCodes.Invalid,
            () => created.Grain.Create(new NewClass("Other", "Other", RoutineCatalog.FullBodyId, JoinCode.NewCode(), Secrets.Hash("x"))));

        Assert.Equal("Baby massage, week 1", (await created.Grain.GetSummary())!.Title);
    }

    [Fact]
    public async Task A_class_with_an_unknown_routine_or_bad_title_is_not_created()
    {
        var grain = Grains.GetGrain<IClassSessionGrain>(Secrets.NewClassId());

        await GrainKit.AssertRejectedAsync(ErrorCodes.Invalid,
            () => grain.Create(new NewClass("Week 1", "Maya", "no-such-routine", JoinCode.NewCode(), Secrets.Hash("x"))));
        await GrainKit.AssertRejectedAsync(ErrorCodes.Invalid,
            () => grain.Create(new NewClass(" ", "Maya", RoutineCatalog.FullBodyId, JoinCode.NewCode(), Secrets.Hash("x"))));

        Assert.Null(await grain.GetSummary());
    }
}
