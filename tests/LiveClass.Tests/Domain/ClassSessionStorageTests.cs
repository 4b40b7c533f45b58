using LiveClass.Domain;
using LiveClass.Domain.Routines;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionStorageTests
{
    [Fact]
    public void A_class_stores_its_routine_by_id_and_finds_it_again_after_a_reload()
    {
        var klass = new ClassHarness();
        klass.Session.GoToStep(ClassHarness.InstructorId, 7);

        Assert.Equal(ClassSessionState.CurrentVersion, klass.State.Version);
        Assert.Equal(RoutineCatalog.FullBodyId, klass.State.RoutineId);
        Assert.Null(klass.State.Routine);

        var reloaded = new ClassSession(klass.State, klass.RosterAndChat, klass.Log, klass.Limits, klass.Time);
        var snapshot = reloaded.Snapshot();
        Assert.Same(RoutineCatalog.FullBody, snapshot.Routine);
        Assert.Equal(RoutineCatalog.FullBody.Steps[8], reloaded.GoToStep(ClassHarness.InstructorId, 8).Step);
    }
}
