using System.Text.Json;

namespace LiveClass.Server.Problems;

/// <summary>Says in a problem's detail what was wrong with a request the framework could not bind.</summary>
public static class BadRequests
{
    public static string Describe(BadHttpRequestException exception) => exception switch
    {
        { InnerException: JsonException { Path: { Length: > 1 } path } } => $"the body is not valid JSON for this request (at {path})",
        { InnerException: JsonException } => "the body is not valid JSON for this request",
        _ => ProblemTypes.DetailFor(exception.StatusCode) ?? exception.Message,
    };
}
