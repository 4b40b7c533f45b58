using LiveClass.Bench.Load;
using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Scenarios;

/// <summary>
/// Scenario 6: s2 with one more family in every tenth class whose client stops reading but keeps
/// pinging, on a raw socket with a 4 KiB receive buffer. Measured against s2 on the same server.
/// </summary>
public sealed class S6StuckConnections : IScenario
{
    private const int StuckEvery = 10;

    public string Name => "s6";

    public IScenario Reference { get; } = new S2ManySmallClasses();

    public ScenarioPlan Plan(BenchOptions options) =>
        SteadyLoad.ManySmallClasses(Name, "s2 with one stuck connection in every tenth class", options.Full);

    public async Task RunAsync(ScenarioRun run, RunResult result, CancellationToken cancellationToken)
    {
        await run.SetUpClassesAsync(result, cancellationToken);
        var stuck = await JoinStuckConnectionsAsync(run, cancellationToken);
        await SteadyLoad.LoadAsync(run, result, cancellationToken);

        // Reading again shows whether the server closed them: what it had written, then the close.
        run.Phase = "reading the stuck connections";
        await Task.WhenAll(stuck.Select(s => s.ReadUntilClosedAsync(TimeSpan.FromSeconds(5))));
        result.StuckConnections = stuck.Count;
        result.StuckClosed = stuck.Count(s => s.ClosedWith is not null);
        foreach (var connection in stuck)
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<List<RawHubClient>> JoinStuckConnectionsAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        run.Phase = "joining stuck connections";
        var stuck = new List<RawHubClient>();
        foreach (var room in run.Rooms.Where(r => r.Index % StuckEvery == 0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var connection = await RawHubClient.ConnectAsync(run.UrlFor(room, run.Plan.ParentsPerClass), receiveBufferSize: 4096);
            await connection.JoinAsParentAsync(room.JoinCode, $"Stuck {room.Index + 1}");
            connection.StopReadingKeepPinging(TimeSpan.FromSeconds(5));
            stuck.Add(connection);
            room.HasStuckMember = true;
        }

        run.Metrics.SplitByStuck = stuck.Count > 0;

        Console.WriteLine($"  {stuck.Count} stuck connections joined");
        return stuck;
    }
}
