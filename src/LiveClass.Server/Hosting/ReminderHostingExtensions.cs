using LiveClass.Domain;
using LiveClass.Grains;
using Orleans.Configuration;
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
    public static ISiloBuilder AddLiveClassReminders(this ISiloBuilder orleans, SiloOptions silo, ConfigurationOptions? redis,
        IConfiguration configuration)
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
        var period = configuration.GetSection(ClassLimits.SectionName).Get<RealtimeOptions>()?.LifecycleCheckPeriod
            ?? new RealtimeOptions().LifecycleCheckPeriod;
        orleans.Configure<ReminderOptions>(options =>
            options.MinimumReminderPeriod = period < options.MinimumReminderPeriod ? period : options.MinimumReminderPeriod);
        return orleans;
    }
}
