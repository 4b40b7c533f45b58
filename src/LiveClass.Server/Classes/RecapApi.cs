using LiveClass.Contracts;
using LiveClass.Grains;
using LiveClass.Server.Limits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveClass.Server.Classes;

/// <summary>
/// The instructor's recap of a class. The instructor key travels in a header, never in the URL,
/// so it stays out of logs, history and referrers. Rate limited per client address as the code
/// look-ups are, and the class's small directory entry is asked first, so that a guessed id or a
/// wrong key never wakes a class.
/// </summary>
public static class RecapApi
{
    public const string InstructorKeyHeader = "X-Instructor-Key";

    public static IEndpointRouteBuilder MapRecapApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/classes/{classId}/recap", GetRecap)
            .WithTags("Classes")
            .RequireRateLimiting(RateLimitPolicies.ClassLookup);
        return app;
    }

    private static async Task<Results<Ok<ClassRecap>, ProblemHttpResult>> GetRecap(
        string classId,
        [FromHeader(Name = InstructorKeyHeader)] string? instructorKey,
        IGrainFactory grains,
        HttpResponse response)
    {
        if (!IsPlausibleId(classId))
        {
            return TypedResults.Problem(type: ErrorCodes.NotFound, title: "Class not found", detail: "no class has this id", statusCode: StatusCodes.Status404NotFound);
        }

        // A wrong key or an unknown class is a LiveClassException: the exception handler answers with its problem.
        await grains.GetGrain<IClassDirectoryGrain>(classId).VerifyInstructor(instructorKey);
        var recap = await grains.GetGrain<IClassSessionGrain>(classId).GetRecap(instructorKey);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(recap);
    }

    private static bool IsPlausibleId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
