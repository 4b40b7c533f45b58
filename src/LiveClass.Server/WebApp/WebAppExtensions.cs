using Microsoft.Extensions.FileProviders;

namespace LiveClass.Server.WebApp;

public static class WebAppExtensions
{
    /// <summary>Serves the built web app, and its index page for the app's own routes (/join/…, /class/…, /teach/…).</summary>
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
        app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });
        return app;
    }
}
