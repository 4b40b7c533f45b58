namespace LiveClass.Grains;

/// <summary>The grain storage providers the grains ask for; the host decides what backs them.</summary>
public static class StorageNames
{
    /// <summary>Small states written on every change: a class's session, families, join codes, log segments.</summary>
    public const string Classes = "classes";

    /// <summary>
    /// A class's roster and chat: up to several hundred kilobytes, written only every few dozen
    /// events. Hosts that keep everything in one store name the same provider for both.
    /// </summary>
    public const string Rosters = "rosters";
}
