namespace LiveClass.Server.Problems;

public static class ProblemDetailsExtensions
{
    /// <summary>Every HTTP error is application/problem+json with the protocol's code as its type.</summary>
    public static WebApplicationBuilder AddLiveClassProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Type is null || problem.Type.StartsWith("http", StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.CodeFor(problem.Status ?? context.HttpContext.Response.StatusCode) ?? problem.Type;
            }

            problem.Detail ??= ProblemTypes.DetailFor(problem.Status ?? context.HttpContext.Response.StatusCode) ?? problem.Title;
        });
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddExceptionHandler<LiveClassExceptionHandler>();

        // A body that cannot be read as the endpoint's JSON reaches the handler above, which says what was wrong with it.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseLiveClassProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
