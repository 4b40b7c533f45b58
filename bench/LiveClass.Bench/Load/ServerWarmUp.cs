using LiveClass.Contracts;

namespace LiveClass.Bench.Load;

/// <summary>One small class run briefly before a measurement: JIT, pools and the first grain activations are not per-connection costs.</summary>
public static class ServerWarmUp
{
    public static async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        var room = new ClassRoom(-1, run.Target.Urls[0]);
        using (var http = new HttpClient())
        {
            await room.CreateAsync(http, cancellationToken);
        }

        var metrics = new RunMetrics();
        room.Instructor = new Participant(room, -1, room.Url, ParticipantRole.Instructor, metrics, run.Factory);
        await room.Instructor.ConnectAsync(cancellationToken);
        await room.Instructor.JoinAsync("Instructor", cancellationToken);
        var parents = Enumerable.Range(0, 20)
            .Select(j => new Participant(room, j, room.Url, ParticipantRole.Parent, metrics, run.Factory)).ToList();
        await Concurrently.ForEachAsync(parents, 8, async p =>
        {
            await p.ConnectAsync(cancellationToken);
            await p.JoinAsync($"Warmup {p.Index}", cancellationToken);
        }, cancellationToken);
        var random = new Random(1);
        for (var i = 0; i < 20; i++)
        {
            var (method, args) = room.NextInstructorAction(random);
            await room.Instructor.InvokeChangeAsync(method, args, cancellationToken);
        }

        await Concurrently.ForEachAsync(parents.Prepend(room.Instructor), 16, p => p.DisconnectAsync(), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
    }
}
