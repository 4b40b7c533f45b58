using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Server.Realtime;
using Microsoft.AspNetCore.Diagnostics;

namespace LiveClass.Server.Problems;

/// <summary>
/// Answers a broken rule with an RFC 9457 problem whose type is the protocol's bare code; any other
/// failure (a silo went away, storage failed) is <c>unavailable</c>, 503 with Retry-After.
/// </summary>
public sealed partial class LiveClassExceptionHandler(IProblemDetailsService problems, ILogger<LiveClassExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (code, detail) = exception switch
        {
            LiveClassException e => (e.Code, e.Detail),
            BadHttpRequestException e => (ErrorCodes.Invalid, BadRequests.Describe(e)),
            _ when TransientFailures.IsTransient(exception) => (ErrorCodes.Unavailable, "the server could not answer now; try again in a moment"),
            _ => (ErrorCodes.Unavailable, "the server could not answer; try again in a moment"),
        };

        if (code == ErrorCodes.Unavailable)
        {
            LogUnavailable(logger, exception, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "1";
        }

        // A request the framework refused keeps its own status (415, 413); the type is still the code.
        httpContext.Response.StatusCode = exception is BadHttpRequestException bad ? bad.StatusCode : ProblemTypes.StatusFor(code);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Type = code, Detail = detail, Status = httpContext.Response.StatusCode },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, PathString path);
}
