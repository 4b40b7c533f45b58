namespace LiveClass.Grains;

/// <summary>
/// What the hub needs to know about a class before waking it, keyed by class id: whether it exists
/// and who its instructor is. It holds no timers and no log, so a guessed class id costs one small
/// read, never a class activation.
/// </summary>
public interface IClassDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records the class; repeating it with the same values writes nothing.</summary>
    Task Register(string instructorId, string instructorKeyHash);

    /// <summary>The instructor's participant id when the key is theirs; <c>not_found</c> or <c>forbidden</c> otherwise.</summary>
    Task<string> VerifyInstructor(string? instructorKey);

    /// <summary>Forgets the class.</summary>
    Task Delete();
}
