using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionTempoTests
{
    private const string Instructor = ClassHarness.InstructorId;

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(36)]
    [InlineData(60)]
    public void Tempo_is_off_or_10_to_60_strokes_a_minute_starting_now(int strokesPerMinute)
    {
        var harness = new ClassHarness();
        harness.Time.Advance(TimeSpan.FromSeconds(12.5));

        var evt = harness.Session.SetTempo(Instructor, strokesPerMinute);

        Assert.Equal(ClassEventKind.TempoChanged, evt.Kind);
        Assert.Equal(new Tempo(strokesPerMinute, harness.NowMs), evt.Tempo);
        Assert.Equal(evt.Tempo, harness.Session.Snapshot().Tempo);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(61)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Any_other_tempo_is_invalid(int strokesPerMinute)
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.SetTempo(Instructor, strokesPerMinute), after: session => session.SetTempo(Instructor, 30));
    }
}
