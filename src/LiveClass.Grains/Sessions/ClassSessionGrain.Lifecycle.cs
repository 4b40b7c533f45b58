using Microsoft.Extensions.Logging;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// A class's own end: a reminder wakes it every <see cref="RealtimeOptions.LifecycleCheckPeriod"/>,
/// in memory or not, so that a class nobody touches ends after the idle timeout and every class is
/// deleted (state, log segments, roster and chat, participants, directory entry and join code)
/// once it has been ended for longer than its retention. The join code can then be issued again.
/// </summary>
public sealed partial class ClassSessionGrain : IRemindable
{
    private const string LifecycleReminder = "lifecycle";

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != LifecycleReminder)
        {
            return;
        }

        if (!_session.IsCreated)
        {
            // Deleted already, or a reminder outliving its class: nothing left to look after.
            await ForgetReminderAsync();
            DeactivateOnIdle();
            return;
        }

        if (_broken)
        {
            return;
        }

        _session.EndIfIdle();
        await DurableAsync();
        if (_session.RetentionIsOver)
        {
            await DeleteClassAsync();
        }
    }

    /// <summary>Makes sure the class's reminder is registered; cheap when it already is.</summary>
    private async Task EnsureLifecycleReminderAsync()
    {
        if (await this.GetReminder(LifecycleReminder) is null)
        {
            var period = _realtime.LifecycleCheckPeriod;
            await this.RegisterOrUpdateReminder(LifecycleReminder, period, period);
        }
    }

    /// <summary>
    /// Deletes everything the class stored. The class's own state goes last, so a failure part way
    /// leaves a class that the next reminder deletes again.
    /// </summary>
    private async Task DeleteClassAsync()
    {
        var classId = ClassId;
        await GrainFactory.GetGrain<IJoinCodeGrain>(State.JoinCode).Release(classId);
        await GrainFactory.GetGrain<IClassDirectoryGrain>(classId).Delete();
        await Task.WhenAll(_session.Roster.Select(entry => Participant(entry.ParticipantId).Delete()));
        _session = await _store.ClearAsync();
        _durableSeq = 0;
        _metrics?.ClassInactive(classId);
        LogClassDeleted(_logger, classId);
        await ForgetReminderAsync();
        DeactivateOnIdle();
    }

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(LifecycleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Class {ClassId} was deleted: its retention is over")]
    private static partial void LogClassDeleted(ILogger logger, string classId);
}
