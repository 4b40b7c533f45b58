namespace LiveClass.Grains;

/// <summary>The grain storage providers the grains ask for; the host decides what backs them.</summary>
public static class StorageNames
{
    public const string Classes = "classes";
}
