using LiveClass.Domain.Routines;

namespace LiveClass.Server.Routines;

public static class RoutinesApi
{
    public static IEndpointRouteBuilder MapRoutinesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/routines", () => TypedResults.Ok(RoutineCatalog.All)).WithTags("Routines");
        return app;
    }
}
