namespace LiveClass.Contracts;

/// <summary>Names on the wire that clients bind to.</summary>
public static class HubNames
{
    public const string Path = "/hubs/class";
    public const string ClassEventMethod = "ClassEvent";
}
