using Microsoft.Extensions.FileProviders;

namespace LiveClass.Server.WebApp;

public static class WebAppExtensions
{
    public static WebApplicationBuilder AddLiveClassWebApp(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RouteOptions>(options => options.SetParameterPolicy<WebAppPathConstraint>(WebAppPathConstraint.Name));
        return builder;
    }

    /// <summary>Serves the built web app, and its index page for the app's own routes (/join/…, /class/…, /teach/…), never for the API's.</summary>
    public static WebApplication UseLiveClassWebApp(this WebApplication app)
    {
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(webRoot))
        {
            return app;
        }

        var files = new PhysicalFileProvider(webRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapFallbackToFile($"{{*path:nonfile:{WebAppPathConstraint.Name}}}", "index.html", new StaticFileOptions { FileProvider = files });
        return app;
    }
}
