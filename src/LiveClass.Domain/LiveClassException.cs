using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>
/// A request that breaks a rule of the class. <see cref="Code"/> is one of <see cref="ErrorCodes"/>;
/// the hub turns it into "code: detail" and the HTTP API into a problem type.
/// </summary>
[GenerateSerializer]
public sealed class LiveClassException : Exception
{
    public LiveClassException(string code, string detail) : base($"{code}: {detail}")
    {
        Code = code;
        Detail = detail;
    }

    [Id(0)] public string Code { get; }

    [Id(1)] public string Detail { get; }

    public static LiveClassException Invalid(string detail) => new(ErrorCodes.Invalid, detail);
    public static LiveClassException Forbidden(string detail) => new(ErrorCodes.Forbidden, detail);
    public static LiveClassException NotFound(string detail) => new(ErrorCodes.NotFound, detail);
    public static LiveClassException RateLimited(string detail) => new(ErrorCodes.RateLimited, detail);
    public static LiveClassException ClassEnded(string detail = "the class has ended") => new(ErrorCodes.ClassEnded, detail);
    public static LiveClassException ClassFull(string detail) => new(ErrorCodes.ClassFull, detail);
    public static LiveClassException NotJoined(string detail = "join the class first") => new(ErrorCodes.NotJoined, detail);
}
