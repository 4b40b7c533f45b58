using System.Text.Json;

namespace LiveClass.Tests.Hosting;

/// <summary>
/// The runtime settings the server needs under load are environment variables, read once when the
/// process starts, so they live in each way the server is launched; these checks keep them in step.
/// </summary>
public sealed class ShippedRuntimeSettingsTests
{
    /// <summary>Each setting and its value: the shared array pool's size, and tiering on one processor as on several.</summary>
    public static TheoryData<string, string> Settings { get; } = new()
    {
        { "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION", "1024" },
        { "DOTNET_TC_DelaySingleProcMultiplier", "1" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Dotnet_run_sets_it(string name, string value)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(InRepository("src/LiveClass.Server/Properties/launchSettings.json")));
        var variables = settings.RootElement.GetProperty("profiles").GetProperty("LiveClass.Server").GetProperty("environmentVariables");

        Assert.Equal(value, variables.GetProperty(name).GetString());
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_container_image_sets_it(string name, string value)
    {
        Assert.Contains(File.ReadAllLines(InRepository("deploy/Dockerfile")), l => l.Trim() == $"ENV {name}={value}");
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_local_cluster_sets_it(string name, string value) => AssertLocalClusterExports(name, value);

    /// <summary>
    /// A server on its own yields its core a few times before an idle worker sleeps; silos that
    /// share cores (the local cluster) sleep at once.
    /// </summary>
    [Fact]
    public void Idle_workers_yield_a_few_times_and_not_at_all_where_silos_share_cores()
    {
        const string Name = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";
        Dotnet_run_sets_it(Name, "20");
        The_container_image_sets_it(Name, "20");
        AssertLocalClusterExports(Name, "0");
    }

    private static void AssertLocalClusterExports(string name, string value) =>
        Assert.Contains(File.ReadAllLines(InRepository("deploy/local-cluster.sh")), l => l.Trim() == $"export {name}={value}");

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
