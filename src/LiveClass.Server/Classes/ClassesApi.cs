using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Server.Limits;
using LiveClass.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveClass.Server.Classes;

/// <summary>
/// The HTTP API for classes: an instructor creates one and gets its join code, links and key; a
/// parent looks one up by its join code before joining. Both are rate limited per client address.
/// </summary>
public static class ClassesApi
{
    /// <summary>A class's title and names, escaped as JSON at worst, fit many times over; more is refused before it is read.</summary>
    public const long MaxCreateBodyBytes = 64 * 1024;

    private static async Task<Created<CreateClassResponse>> CreateClass(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CreateClassRequest? request,
        ClassCreator creator,
        PublicLinks links,
        HttpRequest http)
    {
        var (classId, joinCode, instructorKey) = await creator.CreateAsync(
            request ?? throw LiveClassException.Invalid("a JSON body with title and instructorName is required"));
        var origin = links.OriginFor(http);
        var shownCode = LiveClass.Domain.JoinCode.Format(joinCode);
        var response = new CreateClassResponse(
            classId,
            shownCode,
            instructorKey,
            ParentUrl: $"{origin}/join/{shownCode}",
            InstructorUrl: $"{origin}/teach/{classId}#key={instructorKey}");
        // The answer carries the instructor's key: no cache between here and the browser keeps it.
        http.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/classes/{shownCode}", response);
    }

    private static async Task<Results<Ok<ClassSummary>, ProblemHttpResult>> GetClass(string joinCode, IGrainFactory grains)
    {
        var classId = LiveClass.Domain.JoinCode.TryNormalize(joinCode, out var code)
            ? await grains.GetGrain<IJoinCodeGrain>(code).GetClassId()
            : null;
        var summary = classId is null ? null : await grains.GetGrain<IClassSessionGrain>(classId).GetSummary();
        return summary is null
            ? TypedResults.Problem(type: ErrorCodes.NotFound, title: "Class not found", detail: "no class has this join code", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(summary);
    }

    public static IEndpointRouteBuilder MapClassesApi(this IEndpointRouteBuilder app)
    {
        var classes = app.MapGroup("/api/classes").WithTags("Classes");
        classes.MapPost("/", CreateClass)
            .RequireRateLimiting(RateLimitPolicies.ClassCreation)
            .WithMetadata(new RequestSizeLimitAttribute(MaxCreateBodyBytes));
        classes.MapGet("/{joinCode}", GetClass).RequireRateLimiting(RateLimitPolicies.ClassLookup);
        return app;
    }
}
