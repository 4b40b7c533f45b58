using LiveClass.Bench.Cli;
using LiveClass.Bench.Servers;

namespace LiveClass.Bench.Tests;

public sealed class ServerStartTests
{
    private const string ClientSetting = "DOTNET_GCgen0size";

    [Theory]
    [InlineData(TargetKind.LiveClass)]
    [InlineData(TargetKind.Baseline)]
    public void A_server_runs_with_the_shipped_runtime_settings_and_not_with_the_clients_own(TargetKind kind)
    {
        var before = Environment.GetEnvironmentVariable(ClientSetting);
        Environment.SetEnvironmentVariable(ClientSetting, ClientRuntime.Environment[ClientSetting]);
        try
        {
            var launch = new ServerLaunch("/repo", "/results", "run", "1", 1, [], Meters: false);

            var info = ServerProcess.StartInfo(kind, launch, "/repo/server.dll", ["http://127.0.0.1:5000"], "/results/probe");

            Assert.False(info.Environment.ContainsKey(ClientSetting));
            foreach (var (name, value) in ServerRuntime.Environment)
            {
                Assert.Equal(value, info.Environment[name]);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(ClientSetting, before);
        }
    }

    [Fact]
    public void With_the_runtimes_defaults_a_server_gets_none_of_the_shipped_settings_even_inherited()
    {
        var (name, value) = ServerRuntime.Environment.First();
        var before = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            var launch = new ServerLaunch("/repo", "/results", "run", "1", 1, [], Meters: false, RuntimeDefaults: true);

            var info = ServerProcess.StartInfo(TargetKind.Baseline, launch, "/repo/server.dll", ["http://127.0.0.1:5000"], "/results/probe");

            Assert.All(ServerRuntime.Environment.Keys, key => Assert.False(info.Environment.ContainsKey(key), key));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, before);
        }
    }

    [Fact]
    public void A_runtime_setting_goes_to_both_servers_and_a_server_setting_to_LiveClass_alone()
    {
        var options = BenchOptions.Parse(["s2", "--runtime-env", "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=20", "--server-env", "DOTNET_GCConserveMemory=5"]);
        var launch = new ServerLaunch("/repo", "/results", "run", "1", 1, [], Meters: false,
            Environment: options.ServerEnvironment, RuntimeEnvironment: options.RuntimeEnvironment);

        var liveClass = ServerProcess.StartInfo(TargetKind.LiveClass, launch, "/repo/server.dll", ["http://127.0.0.1:5000"], "/results/probe");
        var baseline = ServerProcess.StartInfo(TargetKind.Baseline, launch, "/repo/server.dll", ["http://127.0.0.1:5000"], "/results/probe");

        Assert.Equal("20", liveClass.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]);
        Assert.Equal("20", baseline.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]);
        Assert.Equal("5", liveClass.Environment["DOTNET_GCConserveMemory"]);
        Assert.False(baseline.Environment.ContainsKey("DOTNET_GCConserveMemory"));
    }

    [Theory]
    [InlineData("--runtime-env")]
    [InlineData("--server-env")]
    public void A_setting_without_a_name_and_value_is_refused(string option)
    {
        var refused = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["s2", option, "=20"]));

        Assert.Contains(option, refused.Message, StringComparison.Ordinal);
    }
}
