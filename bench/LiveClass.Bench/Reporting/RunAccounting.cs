using LiveClass.Bench.Load;

namespace LiveClass.Bench.Reporting;

public static class RunAccounting
{
    /// <summary>What every connection should have received against what it did, and the calls' outcomes.</summary>
    public static void Account(ScenarioRun run, RunResult result)
    {
        long expected = 0, received = 0;
        var everyone = run.Everyone.ToList();
        foreach (var participant in everyone)
        {
            var (e, r) = participant.Account(participant.Room.FinalSeq);
            expected += e;
            received += r;
        }

        var metrics = run.Metrics;
        result.EventsExpected = expected;
        result.EventsReceived = received;
        result.Missing = expected - received;
        result.Duplicates = everyone.Sum(p => p.Duplicates);
        result.OutOfOrder = everyone.Sum(p => p.OutOfOrder);
        result.StreamJumps = everyone.Sum(p => p.StreamJumps);
        result.LiveMessages = metrics.LiveMessages;
        result.Calls = metrics.Calls;
        result.CallFailures = metrics.CallFailures;
        result.Errors = new Dictionary<string, long>(metrics.CallErrors);
        result.ActionsSkipped = metrics.Skipped;
        result.LoadAverageAtEnd = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
    }
}
