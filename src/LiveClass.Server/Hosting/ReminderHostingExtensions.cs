using LiveClass.Grains;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveClass.Server.Hosting;

/// <summary>
/// The reminder service, in one place: classes use a reminder to end when idle and to be deleted
/// after their retention even when they are not in memory. Reminders live where grain state does:
/// in the silo's memory with memory storage, in an Azure Table with Azure Storage, in Redis with
/// Redis storage.
/// </summary>
public static class ReminderHostingExtensions
{
    public static ISiloBuilder AddLiveClassReminders(this ISiloBuilder orleans, SiloOptions silo, ConfigurationOptions? redis)
    {
        if (silo.Storage == StorageProvider.Memory)
        {
            orleans.UseInMemoryReminderService();
        }
        else if (silo.Storage == StorageProvider.AzureStorage)
        {
            orleans.UseAzureTableReminders(silo.AzureStorage);
        }
        else
        {
            orleans.UseRedisReminderService(options => options.ConfigurationOptions = redis);
        }

        // Orleans refuses reminders more frequent than a minute unless told otherwise.
        orleans.Services.AddOptions<ReminderOptions>().Configure<IOptions<RealtimeOptions>>((reminders, realtime) =>
        {
            var period = realtime.Value.LifecycleCheckPeriod;
            reminders.MinimumReminderPeriod = period < reminders.MinimumReminderPeriod ? period : reminders.MinimumReminderPeriod;
        });
        return orleans;
    }
}
