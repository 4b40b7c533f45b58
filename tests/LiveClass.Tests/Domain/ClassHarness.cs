using System.Text.Json;
using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace LiveClass.Tests.Domain;

/// <summary>
/// One <see cref="ClassSession"/> on a fake clock, for domain tests: created with the full-body
/// routine and, unless asked otherwise, joined by its instructor.
/// </summary>
internal sealed class ClassHarness
{
    private static readonly JsonSerializerOptions StateJson = new();

    public const string ClassId = "class-under-test";
    public const string InstructorId = "instructor";
    public const string InstructorKey = "the-instructor-key";
    public const string Title = "Baby massage, week 1";
    public const string InstructorName = "Maya";
    public const string JoinCode = "KQ7M4P";

    private int _parents;

    public ClassHarness(ClassLimits? limits = null, bool create = true, bool admitInstructor = true)
    {
        Limits = limits ?? new ClassLimits();
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        State = new ClassSessionState();
        Log = new ClassEventLog(State, Limits.EventLogCapacity, Limits.EventLogSegmentSize);
        RosterAndChat = RosterAndChat.Empty(Limits);
        Session = new ClassSession(State, RosterAndChat, Log, Limits, Time);
        if (create)
        {
            Session.Create(ClassId, Title, InstructorName, RoutineCatalog.FullBody, JoinCode, Secrets.Hash(InstructorKey), InstructorId);
            if (admitInstructor)
            {
                Session.AdmitInstructor();
            }
        }
    }

    public FakeTimeProvider Time { get; }

    public ClassLimits Limits { get; }

    public ClassSessionState State { get; }

    public ClassSession Session { get; }

    public ClassEventLog Log { get; }

    public RosterAndChat RosterAndChat { get; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public IReadOnlyList<Step> Steps => RoutineCatalog.FullBody.Steps;

    public ClassEvent LastEvent => State.Log[^1];

    /// <summary>Admits a new parent and returns their participant id.</summary>
    public string AddParent(string displayName = "Sam")
    {
        var participantId = $"parent-{++_parents}";
        Session.AdmitParent(participantId, displayName);
        return participantId;
    }

    /// <summary>Moves a fresh class to <paramref name="status"/> through the instructor's calls.</summary>
    public void MoveTo(ClassStatus status)
    {
        switch (status)
        {
            case ClassStatus.Lobby:
                break;
            case ClassStatus.Live:
                Session.Start(InstructorId);
                break;
            case ClassStatus.Paused:
                Session.Start(InstructorId);
                Session.Pause(InstructorId);
                break;
            case ClassStatus.Ended:
                Session.Start(InstructorId);
                Session.End(InstructorId);
                break;
        }

        Assert.Equal(status, Session.Status);
    }

    /// <summary>Everything the class keeps (its state, roster, chat and chat receipts), as JSON: equal text means equal state.</summary>
    public string Dump() => JsonSerializer.Serialize(new { State, Session.Roster, Session.Chat, Receipts = RosterAndChat.Receipts.Items }, StateJson);

    /// <summary>
    /// Runs a call that must fail with <paramref name="code"/> and asserts that it changed nothing:
    /// neither the seq nor any of the persisted state.
    /// </summary>
    public LiveClassException AssertRejected(string code, Action call)
    {
        var before = Dump();
        var seq = Session.Seq;

        var error = Assert.Throws<LiveClassException>(call);

        Assert.Equal(code, error.Code);
        Assert.StartsWith(code + ": ", error.Message, StringComparison.Ordinal);
        Assert.Equal(seq, Session.Seq);
        Assert.Equal(before, Dump());
        return error;
    }
}
