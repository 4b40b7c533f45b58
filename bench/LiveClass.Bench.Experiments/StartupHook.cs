using System.Reflection;
using System.Runtime.Loader;

/// <summary>
/// Loaded through DOTNET_STARTUP_HOOKS: lets the host find this assembly by name, which is how
/// ASP.NET Core loads the hosting startup assemblies named in ASPNETCORE_HOSTINGSTARTUPASSEMBLIES.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var self = typeof(StartupHook).Assembly;
        AssemblyLoadContext.Default.Resolving += (_, name) =>
            string.Equals(name.Name, self.GetName().Name, StringComparison.Ordinal) ? self : null;
    }
}
