using System.Text.Json;

namespace LiveClass.Tests.Hosting;

/// <summary>
/// The runtime settings the server needs under load are environment variables, read once when the
/// process starts, so they live in each way the server is launched; these checks keep them in step.
/// </summary>
public sealed class ShippedRuntimeSettingsTests
{
    private const string ArrayPoolSize = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";
    private const string Expected = "1024";

    [Fact]
    public void Dotnet_run_sets_the_shared_array_pool_size()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(InRepository("src/LiveClass.Server/Properties/launchSettings.json")));
        var variables = settings.RootElement.GetProperty("profiles").GetProperty("LiveClass.Server").GetProperty("environmentVariables");

        Assert.Equal(Expected, variables.GetProperty(ArrayPoolSize).GetString());
    }

    [Theory]
    [InlineData("deploy/Dockerfile", $"ENV {ArrayPoolSize}={Expected}")]
    [InlineData("deploy/local-cluster.sh", $"export {ArrayPoolSize}={Expected}")]
    public void Every_deployment_sets_the_shared_array_pool_size(string file, string line)
    {
        Assert.Contains(File.ReadAllLines(InRepository(file)), l => l.Trim() == line);
    }

    private static string InRepository(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveClass.sln")))
            {
                return Path.Combine(dir.FullName, relativePath);
            }
        }

        throw new InvalidOperationException("LiveClass.sln was not found above " + AppContext.BaseDirectory);
    }
}
