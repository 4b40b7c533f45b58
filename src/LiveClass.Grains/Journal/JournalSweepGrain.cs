using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveClass.Grains.Journal;

/// <summary>
/// Sweeps one journal that its silo stopped writing (a silo that died, one that lost its classes
/// to another, or one whose chunk write failed). Each reader that seals the journal reports it
/// here, as does a silo that ends its journal; shortly after, every class with events in the
/// chunks below is made to write its own state (one that has not woken since is woken for it),
/// and then the chunks are deleted, and the seals too once its silo is dead. The sweep is stored,
/// and a reminder finishes it if this grain's silo dies part way. It stays a while after the first
/// report, since a class that wakes late may still seal the journal somewhere below.
/// </summary>
public sealed partial class JournalSweepGrain(
    [PersistentState("sweep", StorageNames.Classes)] IPersistentState<JournalSweepState> sweep,
    JournalSweeper sweeper,
    IClusterMembershipService membership,
    IOptions<RealtimeOptions> realtime,
    TimeProvider time,
    ILogger<JournalSweepGrain> logger) : Grain, IJournalSweepGrain, IRemindable
{
    private const string Reminder = "sweep";
    private const int ClassesAtOnce = 16;

    /// <summary>Ends reported together, as every class of a dead silo wakes at once, are swept together.</summary>
    private static readonly TimeSpan Gathering = TimeSpan.FromSeconds(1);

    private IGrainTimer? _pending;

    private string JournalId => this.GetPrimaryKeyString();

    /// <summary>Every class wakes within one lifecycle period (its reminder); two leave room for a late one.</summary>
    private TimeSpan Lingering => 2 * realtime.Value.LifecycleCheckPeriod;

    public async Task Sweep(long chunk)
    {
        var state = sweep.State;
        if (!state.Ends.Contains(chunk))
        {
            state.Ends.Add(chunk);
            state.Since ??= time.GetUtcNow();
            await sweep.WriteStateAsync();
        }

        if (await this.GetReminder(Reminder) is null)
        {
            var period = realtime.Value.LifecycleCheckPeriod;
            await this.RegisterOrUpdateReminder(Reminder, period, period);
        }

        _pending ??= this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions
        {
            DueTime = Gathering,
            Period = Timeout.InfiniteTimeSpan,
        });
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Reminder)
        {
            await RunAsync(CancellationToken.None);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        _pending?.Dispose();
        _pending = null;
        var state = sweep.State;
        if (state.Since is null)
        {
            await FinishAsync();
            return;
        }

        if (state.Ends.Count > 0)
        {
            var remains = await sweeper.FindAsync(JournalId, state.Ends);
            state.Silo ??= remains.Silo;
            try
            {
                await LetGoAsync(remains.Classes);
            }
            catch (Exception exception)
            {
                // Tried again on the next report or reminder; until then the chunks stay.
                LogClassesHeld(logger, exception, JournalId);
                return;
            }

            var kept = await sweeper.DeleteAsync(remains, keepEnd: !SiloIsDead(state.Silo));
            state.Ends = kept is { } end ? [end] : [];
            await sweep.WriteStateAsync();
        }

        if (time.GetUtcNow() - state.Since >= Lingering)
        {
            await FinishAsync();
        }
    }

    /// <summary>Has each class write its own state if it still names this journal; a class that is asleep wakes (and reads the journal) first.</summary>
    private async Task LetGoAsync(IReadOnlySet<string> classes)
    {
        foreach (var batch in classes.Chunk(ClassesAtOnce))
        {
            await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IClassSessionGrain>(id).LetGoOfJournal(JournalId)));
        }
    }

    /// <summary>Whether the silo can never write again: declared dead, or, as Orleans counts it, unknown to a cluster that has moved on.</summary>
    private bool SiloIsDead(string? silo) =>
        silo is not null && membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(silo)) == SiloStatus.Dead;

    private async Task FinishAsync()
    {
        await sweep.ClearStateAsync();
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal {JournalId} is not swept yet: a class with events in it could not write its own state")]
    private static partial void LogClassesHeld(ILogger logger, Exception exception, string journalId);
}
