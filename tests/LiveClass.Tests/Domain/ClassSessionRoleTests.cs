using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionRoleTests
{
    private static readonly Dictionary<string, Func<ClassSession, string, string, object>> InstructorCalls = new()
    {
        ["Start"] = (s, actor, _) => s.Start(actor),
        ["End"] = (s, actor, _) => s.End(actor),
        [nameof(IClassHub.GoToStep)] = (s, actor, _) => s.GoToStep(actor, 1),
        ["GiveCue"] = (s, actor, _) => s.GiveCue(actor, CueKind.Slow, null, null),
        [nameof(IClassHub.SetTempo)] = (s, actor, _) => s.SetTempo(actor, 20),
        ["Remove"] = (s, actor, other) => s.Remove(actor, other),
        [nameof(IClassHub.DeleteChat)] = (s, actor, messageId) => s.DeleteChat(actor, messageId),
    };

    public static TheoryData<string> InstructorCallNames => new(InstructorCalls.Keys);

    [Theory]
    [MemberData(nameof(InstructorCallNames))]
    public void A_parent_making_an_instructor_call_is_forbidden(string call)
    {
        var harness = new ClassHarness();
        var parent = harness.AddParent("Sam");
        var other = harness.AddParent("Alex");
        harness.Session.PostChat(other, "m1", "hello");
        var target = call == nameof(IClassHub.DeleteChat) ? harness.LastEvent.Message!.MessageId : other;

        harness.AssertRejected(ErrorCodes.Forbidden, () => InstructorCalls[call](harness.Session, parent, target));
    }

    [Theory]
    [MemberData(nameof(InstructorCallNames))]
    public void Someone_not_on_the_roster_is_forbidden(string call)
    {
        var (harness, parent) = FreshClass.WithParent();

        harness.AssertRejected(ErrorCodes.Forbidden, () => InstructorCalls[call](harness.Session, "stranger", parent));
    }

    [Fact]
    public void Someone_not_on_the_roster_cannot_chat_or_check_in()
    {
        var harness = new ClassHarness();

        harness.AssertRejected(ErrorCodes.Forbidden, () => harness.Session.PostChat("stranger", "m1", "hi"));
        harness.AssertRejected(ErrorCodes.Forbidden, () => harness.Session.CheckIn("stranger", CheckInStatus.Ready, null));
        harness.AssertRejected(ErrorCodes.Forbidden, () => harness.Session.Leave("stranger"));
    }

    [Fact]
    public void The_instructor_cannot_be_removed()
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.Remove(ClassHarness.InstructorId, ClassHarness.InstructorId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nobody")]
    public void Removing_someone_not_on_the_roster_is_not_found(string? participantId)
    {
        var harness = new ClassHarness();
        harness.AddParent();

        harness.AssertRejected(ErrorCodes.NotFound, () => harness.Session.Remove(ClassHarness.InstructorId, participantId));
    }

    [Fact]
    public void The_instructor_key_is_checked_against_its_hash()
    {
        var harness = new ClassHarness();

        Assert.Equal(ClassHarness.InstructorId, harness.Session.VerifyInstructorKey(ClassHarness.InstructorKey));
        foreach (var wrong in new[] { null, "", "the-instructor-key ", "THE-INSTRUCTOR-KEY", Secrets.NewSecret() })
        {
            var error = Assert.Throws<LiveClassException>(() => harness.Session.VerifyInstructorKey(wrong));
            Assert.Equal(ErrorCodes.Forbidden, error.Code);
        }
    }
}
