using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionCreateTests
{
    private static void Create(ClassHarness harness, string? title, string? instructorName) =>
        harness.Session.Create(ClassHarness.ClassId, title!, instructorName!, RoutineCatalog.FullBody,
            ClassHarness.JoinCode, Secrets.Hash(ClassHarness.InstructorKey), ClassHarness.InstructorId);

    /// <summary>Asserts that creating a class with these details is invalid and leaves it uncreated.</summary>
    private static void AssertInvalidAndCreatesNothing(string? title, string? instructorName)
    {
        var harness = new ClassHarness(create: false);

        harness.AssertRejected(ErrorCodes.Invalid, () => Create(harness, title, instructorName));

        Assert.False(harness.Session.IsCreated);
    }

    [Fact]
    public void A_new_class_is_in_the_lobby_at_seq_zero_with_nothing_set()
    {
        var harness = new ClassHarness(create: false);

        Create(harness, "Week 1", "Maya");

        Assert.True(harness.Session.IsCreated);
        var snapshot = harness.Session.Snapshot();
        Assert.Equal(ClassHarness.ClassId, snapshot.ClassId);
        Assert.Equal("Week 1", snapshot.Title);
        Assert.Equal("Maya", snapshot.InstructorName);
        Assert.Equal(ClassStatus.Lobby, snapshot.Status);
        Assert.Same(RoutineCatalog.FullBody, snapshot.Routine);
        Assert.Equal(0, snapshot.StepIndex);
        Assert.Null(snapshot.Cue);
        Assert.Null(snapshot.Tempo);
        Assert.Empty(snapshot.Participants);
        Assert.Empty(snapshot.Chat);
        Assert.Equal(0, snapshot.Seq);
        Assert.Equal(harness.NowMs, snapshot.ServerTime);
        Assert.Equal("KQ7-M4P", snapshot.JoinCode);
        Assert.Empty(harness.State.Log);
    }

    [Fact]
    public void Title_and_instructor_name_are_trimmed()
    {
        var harness = new ClassHarness(create: false);

        Create(harness, "  Week 1 \t\u3000", "\u00a0Maya\r\n");

        Assert.Equal("Week 1", harness.Session.Summary().Title);
        Assert.Equal("Maya", harness.Session.Summary().InstructorName);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(100, 40)]
    public void Titles_up_to_100_and_names_up_to_40_characters_are_accepted(int titleLength, int nameLength)
    {
        var harness = new ClassHarness(create: false);

        Create(harness, new string('t', titleLength), new string('n', nameLength));

        Assert.Equal(titleLength, harness.Session.Summary().Title.Length);
        Assert.Equal(nameLength, harness.Session.Summary().InstructorName.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bell\u0007")]
    [InlineData("two\nlines")]
    [InlineData("nul\u0000")]
    public void A_bad_title_is_invalid_and_creates_nothing(string? title)
    {
        AssertInvalidAndCreatesNothing(title, "Maya");
    }

    [Fact]
    public void A_title_of_101_characters_is_invalid_and_creates_nothing()
    {
        AssertInvalidAndCreatesNothing(new string('t', 101), "Maya");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    [InlineData("tab\tinside")]
    [InlineData("escape\u001b")]
    [InlineData("12345678901234567890123456789012345678901")]
    public void A_bad_instructor_name_is_invalid_and_creates_nothing(string? instructorName)
    {
        AssertInvalidAndCreatesNothing("Week 1", instructorName);
    }

    [Fact]
    public void Creating_a_class_twice_is_invalid_and_keeps_the_first()
    {
        var harness = new ClassHarness();

        harness.AssertRejected(ErrorCodes.Invalid, () => Create(harness, "Another title", "Someone else"));

        Assert.Equal(ClassHarness.Title, harness.Session.Summary().Title);
    }
}
