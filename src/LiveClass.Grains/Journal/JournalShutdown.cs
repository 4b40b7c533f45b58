namespace LiveClass.Grains.Journal;

/// <summary>
/// When the silo stops, deletes the journal's chunks once its classes have deactivated (each
/// writing its state, after which none needs the journal) and before the grain storage closes.
/// </summary>
internal sealed class JournalShutdown(SiloJournal journal) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>
    /// Stopped after the silo has deactivated its grains and just before the stage the grain
    /// storage providers stop in.
    /// </summary>
    public const int Stage = ServiceLifecycleStage.ApplicationServices + 1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JournalShutdown), Stage, _ => Task.CompletedTask, journal.DeleteUnneededAsync);
}
