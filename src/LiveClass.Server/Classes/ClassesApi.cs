using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Server.Limits;
using LiveClass.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveClass.Server.Classes;

public static class ClassesApi
{
    public static IEndpointRouteBuilder MapClassesApi(this IEndpointRouteBuilder app)
    {
        var classes = app.MapGroup("/api/classes").WithTags("Classes");
        classes.MapPost("/", CreateClass).RequireRateLimiting(LimitNames.ClassCreation);
        classes.MapGet("/{joinCode}", GetClass).RequireRateLimiting(LimitNames.ClassLookup);
        return app;
    }

    private static async Task<Created<CreateClassResponse>> CreateClass(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CreateClassRequest? request,
        ClassCreator creator,
        PublicLinks links,
        HttpRequest http)
    {
        var (classId, joinCode, instructorKey) = await creator.CreateAsync(
            request ?? throw LiveClassException.Invalid("a JSON body with title and instructorName is required"));
        var origin = links.OriginFor(http);
        var response = new CreateClassResponse(
            classId,
            LiveClass.Domain.JoinCode.Format(joinCode),
            instructorKey,
            ParentUrl: $"{origin}/join/{LiveClass.Domain.JoinCode.Format(joinCode)}",
            InstructorUrl: $"{origin}/teach/{classId}#key={instructorKey}");
        return TypedResults.Created($"/api/classes/{LiveClass.Domain.JoinCode.Format(joinCode)}", response);
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
}
