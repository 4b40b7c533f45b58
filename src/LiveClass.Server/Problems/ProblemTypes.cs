using LiveClass.Contracts;

namespace LiveClass.Server.Problems;

/// <summary>Maps the protocol's error codes to HTTP status codes and back.</summary>
public static class ProblemTypes
{
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.Invalid => StatusCodes.Status400BadRequest,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.ClassEnded => StatusCodes.Status410Gone,
        ErrorCodes.ClassFull => StatusCodes.Status409Conflict,
        ErrorCodes.NotJoined => StatusCodes.Status401Unauthorized,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The code for a status the framework produced itself, e.g. a malformed JSON body.</summary>
    public static string? CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status408RequestTimeout or StatusCodes.Status413PayloadTooLarge
            or StatusCodes.Status415UnsupportedMediaType => ErrorCodes.Invalid,
        StatusCodes.Status401Unauthorized => ErrorCodes.NotJoined,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed => ErrorCodes.NotFound,
        StatusCodes.Status409Conflict => ErrorCodes.ClassFull,
        StatusCodes.Status410Gone => ErrorCodes.ClassEnded,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        StatusCodes.Status503ServiceUnavailable or StatusCodes.Status500InternalServerError => ErrorCodes.Unavailable,
        _ => null,
    };

    /// <summary>What a status the framework produced itself means for the client, for the problem's detail.</summary>
    public static string? DetailFor(int status) => status switch
    {
        StatusCodes.Status404NotFound => "nothing is served at this path",
        StatusCodes.Status405MethodNotAllowed => "this path does not take this method",
        StatusCodes.Status408RequestTimeout => "the body did not arrive in time; send it whole and promptly",
        StatusCodes.Status413PayloadTooLarge => "the body is larger than this request allows",
        StatusCodes.Status415UnsupportedMediaType => "the body must be JSON (Content-Type: application/json)",
        _ => null,
    };
}
