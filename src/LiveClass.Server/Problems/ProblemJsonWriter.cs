using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Problems;

/// <summary>
/// Writes a problem as <c>application/problem+json</c> when the framework's writer declines because
/// the request's <c>Accept</c> names neither JSON nor <c>*/*</c>: every error the API answers is a
/// problem with a code, whatever the client asked for, rather than an empty body or another status.
/// Registered after the framework's writer, so it only writes what that one would not.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, jsonOptions.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }
}
