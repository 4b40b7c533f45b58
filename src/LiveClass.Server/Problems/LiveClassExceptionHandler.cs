using LiveClass.Domain;
using Microsoft.AspNetCore.Diagnostics;

namespace LiveClass.Server.Problems;

/// <summary>Answers a broken rule with an RFC 9457 problem whose type is the protocol's bare code.</summary>
public sealed class LiveClassExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (code, detail) = exception switch
        {
            LiveClassException e => (e.Code, e.Detail),
            BadHttpRequestException e => (LiveClass.Contracts.ErrorCodes.Invalid, e.Message),
            _ => (null, null),
        };
        if (code is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = ProblemTypes.StatusFor(code);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Type = code, Detail = detail, Status = httpContext.Response.StatusCode },
        });
    }
}
