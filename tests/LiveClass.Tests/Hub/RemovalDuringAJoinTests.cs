using LiveClass.Contracts;
using LiveClass.Grains;
using LiveClass.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Hub;

/// <summary>
/// A family removed while its rejoin is still on its way back gets <c>ParticipantRemoved</c> and
/// then nothing, as a family removed while connected does: the events held for the joining
/// connection end with the removal.
/// </summary>
public sealed class RemovalDuringAJoinTests : IAsyncLifetime
{
    private readonly GrainCallGate _gate = new();
    private LiveClassServer? _server;

    private LiveClassServer Server => _server!;

    public async ValueTask InitializeAsync() =>
        _server = await LiveClassServer.StartAsync(services => services.AddSingleton<IIncomingGrainCallFilter>(_gate));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_family_removed_while_its_rejoin_answers_gets_the_removal_and_then_nothing()
    {
        var created = await Server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(Server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await using var classmate = await ClassClient.ConnectAsync(Server.BaseUrl);
        await classmate.JoinAsParentAsync(created.JoinCode, "The Lees");
        string token;
        string familyId;
        await using (var first = await ClassClient.ConnectAsync(Server.BaseUrl))
        {
            var joined = await first.JoinAsParentAsync(created.JoinCode, "The Garcias");
            (token, familyId) = (joined.RejoinToken, joined.ParticipantId);
        }

        await using var family = await ClassClient.ConnectAsync(Server.BaseUrl);
        var received = new List<ClassEvent>();
        family.EventReceived += evt =>
        {
            lock (received)
            {
                received.Add(evt);
            }
        };

        long removedAt;
        Task<RejoinResult> rejoin;
        using (var hold = _gate.HoldAnswers<IClassSessionGrain>(nameof(IClassSessionGrain.Rejoin)))
        {
            rejoin = family.RejoinAsync(token);
            await hold.Reached;
            removedAt = await instructor.Hub.RemoveParticipant(familyId);
            // Said while the family's rejoin is still on its way back: not for the family's eyes.
            await instructor.Hub.SendChat("c1", "Now that they are gone");
        }

        await rejoin;
        await instructor.Hub.SendCue(nameof(CueKind.Slow), null, null);
        var after = await instructor.Hub.GoToStep(1);
        await classmate.WaitForSeqAsync(after);
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        lock (received)
        {
            Assert.Contains(received, e => e.Seq == removedAt && e.Kind == ClassEventKind.ParticipantRemoved && e.ParticipantId == familyId);
            Assert.DoesNotContain(received, e => e.Seq > removedAt);
        }
    }
}
