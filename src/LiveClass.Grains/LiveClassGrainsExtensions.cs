using LiveClass.Grains.Journal;
using LiveClass.Grains.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Grains;

public static class LiveClassGrainsExtensions
{
    /// <summary>
    /// The silo-wide services LiveClass's grains share: the batching of class events per destination
    /// silo, and the silo's journal of class commits with its reader and sweeper, and its deletes at stop.
    /// </summary>
    public static ISiloBuilder AddLiveClassGrains(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<SiloEventBatcher>();
        silo.Services.AddSingleton<SiloJournal>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JournalShutdown>();
        silo.Services.AddSingleton<JournalReader>();
        silo.Services.AddSingleton<JournalSweeper>();
        silo.Services.AddOptions<JournalOptions>();
        return silo;
    }
}
