namespace LiveClass.Grains;

/// <summary>Maps one join code to its class, keyed by the canonical code.</summary>
public interface IJoinCodeGrain : IGrainWithStringKey
{
    /// <summary>Claims the code for <paramref name="classId"/>; false when another class holds it.</summary>
    Task<bool> TryClaim(string classId);

    Task<string?> GetClassId();

    /// <summary>Frees the code for other classes, if <paramref name="classId"/> holds it.</summary>
    Task Release(string classId);
}
