namespace LiveClass.Contracts;

/// <summary>Names on the wire that clients bind to.</summary>
public static class HubNames
{
    public const string Path = "/hubs/class";

    /// <summary>The one method the hub calls on clients: <see cref="IClassClient.ClassEvent"/>.</summary>
    public const string ClassEventMethod = nameof(IClassClient.ClassEvent);
}
