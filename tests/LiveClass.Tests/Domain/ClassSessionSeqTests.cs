using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionSeqTests
{
    [Fact]
    public void The_first_event_is_seq_1_and_each_event_adds_exactly_one()
    {
        var harness = new ClassHarness(admitInstructor: false);
        var session = harness.Session;
        var seqs = new List<long>();

        seqs.Add(session.AdmitInstructor()!.Seq);
        var parent = harness.AddParent();
        seqs.Add(harness.LastEvent.Seq);
        seqs.Add(session.Start(ClassHarness.InstructorId).Seq);
        seqs.Add(session.GoToStep(ClassHarness.InstructorId, 2).Seq);
        seqs.Add(session.GiveCue(ClassHarness.InstructorId, CueKind.Slow, null, null).Seq);
        seqs.Add(session.SetTempo(ClassHarness.InstructorId, 30).Seq);
        seqs.Add(session.PostChat(parent, "m1", "hello"));
        seqs.Add(session.CheckIn(parent, CheckInStatus.Ready, null).Seq);
        seqs.Add(session.SetPresence(parent, online: false)!.Seq);
        seqs.Add(session.Pause(ClassHarness.InstructorId).Seq);
        seqs.Add(session.Resume(ClassHarness.InstructorId).Seq);
        seqs.Add(session.Leave(parent)!.Seq);
        seqs.Add(session.End(ClassHarness.InstructorId).Seq);

        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(seqs, harness.State.Log.Select(e => e.Seq));
        Assert.Equal(seqs.Count, session.Seq);
        Assert.Equal(session.Seq, session.Snapshot().Seq);
    }

    [Fact]
    public void Failed_calls_between_events_leave_no_gap()
    {
        var harness = new ClassHarness();
        var session = harness.Session;
        var parent = harness.AddParent();

        harness.AssertRejected(ErrorCodes.Invalid, () => session.GoToStep(ClassHarness.InstructorId, -1));
        session.GoToStep(ClassHarness.InstructorId, 1);
        harness.AssertRejected(ErrorCodes.Forbidden, () => session.Start(parent));
        harness.AssertRejected(ErrorCodes.Invalid, () => session.SetTempo(ClassHarness.InstructorId, 5));
        session.Start(ClassHarness.InstructorId);
        harness.AssertRejected(ErrorCodes.Invalid, () => session.PostChat(parent, "m1", " "));
        harness.AssertRejected(ErrorCodes.Invalid, () => session.Resume(ClassHarness.InstructorId));
        session.PostChat(parent, "m1", "hi");

        var seqs = harness.State.Log.Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(seqs.Count, session.Seq);
    }

    [Fact]
    public void Every_event_is_stamped_with_the_clock_and_its_actor()
    {
        var harness = new ClassHarness();
        harness.Time.Advance(TimeSpan.FromMinutes(7));

        var evt = harness.Session.GoToStep(ClassHarness.InstructorId, 4);

        Assert.Equal(harness.NowMs, evt.At);
        Assert.Equal(ClassHarness.InstructorId, evt.ActorId);
        Assert.Equal(evt with { Step = null }, harness.LastEvent);
    }
}
