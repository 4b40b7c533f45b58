using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionCueTests
{
    private const string Instructor = ClassHarness.InstructorId;

    [Theory]
    [InlineData(CueKind.Slow)]
    [InlineData(CueKind.Pause)]
    [InlineData(CueKind.AskPermission)]
    [InlineData(CueKind.WatchCues)]
    [InlineData(CueKind.Break)]
    [InlineData(CueKind.Resume)]
    public void A_plain_cue_takes_neither_count_nor_text(CueKind kind)
    {
        var harness = new ClassHarness();

        var evt = harness.Session.GiveCue(Instructor, kind, null, null);

        Assert.Equal(ClassEventKind.CueGiven, evt.Kind);
        Assert.Equal(new Cue(kind, null, null, harness.NowMs), evt.Cue);
        Assert.Equal(evt.Cue, harness.Session.Snapshot().Cue);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(20)]
    public void A_repeat_cue_takes_a_count_from_1_to_20(int count)
    {
        var harness = new ClassHarness();

        var evt = harness.Session.GiveCue(Instructor, CueKind.Repeat, count, null);

        Assert.Equal(new Cue(CueKind.Repeat, count, null, harness.NowMs), evt.Cue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(21)]
    public void A_repeat_cue_without_a_count_from_1_to_20_is_invalid(int? count)
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.GiveCue(Instructor, CueKind.Repeat, count, null));
    }

    [Fact]
    public void A_custom_cue_carries_its_trimmed_text()
    {
        var harness = new ClassHarness();

        var evt = harness.Session.GiveCue(Instructor, CueKind.Custom, null, "  Warm your hands first  ");

        Assert.Equal(new Cue(CueKind.Custom, null, "Warm your hands first", harness.NowMs), evt.Cue);
    }

    [Fact]
    public void A_custom_cue_of_140_characters_is_accepted()
    {
        var harness = new ClassHarness();
        var text = new string('x', 140);

        Assert.Equal(text, harness.Session.GiveCue(Instructor, CueKind.Custom, null, text).Cue!.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two\nlines")]
    [InlineData("bell\u0007")]
    public void A_custom_cue_without_proper_text_is_invalid(string? text)
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.GiveCue(Instructor, CueKind.Custom, null, text));
    }

    [Fact]
    public void A_custom_cue_of_141_characters_is_invalid()
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.GiveCue(Instructor, CueKind.Custom, null, new string('x', 141)));
    }

    [Theory]
    [InlineData(CueKind.Slow, 2, null)]
    [InlineData(CueKind.Break, null, "text")]
    [InlineData(CueKind.Repeat, 3, "text")]
    [InlineData(CueKind.Custom, 3, "text")]
    [InlineData(CueKind.Pause, 0, null)]
    [InlineData(CueKind.Resume, null, "")]
    public void Count_and_text_are_invalid_where_they_do_not_belong(CueKind kind, int? count, string? text)
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.GiveCue(Instructor, kind, count, text));
    }

    [Theory]
    [InlineData(ClassStatus.Lobby, CueKind.Resume)]
    [InlineData(ClassStatus.Live, CueKind.Pause)]
    [InlineData(ClassStatus.Live, CueKind.Break)]
    [InlineData(ClassStatus.Paused, CueKind.Resume)]
    public void A_cue_never_changes_the_status(ClassStatus status, CueKind kind)
    {
        var harness = new ClassHarness();
        harness.MoveTo(status);

        harness.Session.GiveCue(Instructor, kind, null, null);

        Assert.Equal(status, harness.Session.Status);
        Assert.Equal(ClassEventKind.CueGiven, harness.LastEvent.Kind);
    }

    [Fact]
    public void The_latest_cue_replaces_the_previous_one()
    {
        var harness = new ClassHarness();
        harness.Session.GiveCue(Instructor, CueKind.Slow, null, null);
        harness.Time.Advance(TimeSpan.FromSeconds(30));

        harness.Session.GiveCue(Instructor, CueKind.Repeat, 3, null);

        Assert.Equal(new Cue(CueKind.Repeat, 3, null, harness.NowMs), harness.Session.Snapshot().Cue);
    }
}
