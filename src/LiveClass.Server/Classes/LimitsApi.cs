using LiveClass.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Classes;

/// <summary>
/// The limits a client checks input against before sending it, read from the same bound
/// <see cref="ClassLimits"/> the classes enforce, so no client keeps a copy that can drift.
/// </summary>
public static class LimitsApi
{
    public static IEndpointRouteBuilder MapLimitsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/limits", GetLimits).WithTags("Classes");
        return app;
    }

    private static Ok<ClientLimits> GetLimits(IOptions<ClassLimits> options, HttpResponse response)
    {
        var limits = options.Value;
        // The settings change only with a restart; a few minutes' caching spares a request per page.
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new ClientLimits(
            limits.TitleMaxLength,
            limits.DisplayNameMaxLength,
            limits.ChatMaxLength,
            limits.CustomCueMaxLength,
            limits.RepeatMaxCount,
            limits.TempoMin,
            limits.TempoMax));
    }

    /// <summary>The answer of <c>GET /api/limits</c>: lengths count characters as the server does, ranges are inclusive.</summary>
    public sealed record ClientLimits(
        int TitleMaxLength,
        int DisplayNameMaxLength,
        int ChatMaxLength,
        int CustomCueMaxLength,
        int RepeatMaxCount,
        int TempoMin,
        int TempoMax);
}
