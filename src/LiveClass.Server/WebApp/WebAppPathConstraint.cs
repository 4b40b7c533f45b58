namespace LiveClass.Server.WebApp;

/// <summary>
/// Matches the web app's own paths: every path but the API's and the hub's, which answer an unknown
/// path with a <c>not_found</c> problem rather than the app's page.
/// </summary>
public sealed class WebAppPathConstraint : IRouteConstraint
{
    public const string Name = "webapppath";

    private static readonly string[] ServerSegments = ["api", "hubs"];

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        if (!values.TryGetValue(routeKey, out var value) || value is not string path)
        {
            return true;
        }

        var first = path.AsSpan().TrimStart('/');
        var end = first.IndexOf('/');
        if (end >= 0)
        {
            first = first[..end];
        }

        foreach (var segment in ServerSegments)
        {
            if (first.Equals(segment, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
