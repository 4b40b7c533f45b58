using LiveClass.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveClass.Tests.Hosting;

/// <summary>A setting out of its range stops the real host from starting, with a message that names the key to change.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("LiveClass:MaxParents=0", 1)]
    [InlineData("LiveClass:EventLogCapacity=-5", 1)]
    [InlineData("LiveClass:FanOutBatchSize=0", 1)]
    [InlineData("LiveClass:HubMaximumMessageSize=10", 1024)]
    [InlineData("LiveClass:StatefulReconnectBufferSize=0", 1024)]
    [InlineData("Delivery:MaxQueuedEvents=0", 1)]
    public async Task A_count_out_of_range_stops_start_up_naming_its_key_and_lowest_value(string setting, int lowest)
    {
        var error = await StartFailsAsync(setting);

        Assert.Contains($"{KeyOf(setting)} must be between {lowest} and", error.Message);
    }

    [Theory]
    [InlineData("LiveClass:ChatRateWindow=00:00:00")]
    [InlineData("LiveClass:IdleTimeout=-00:01:00")]
    [InlineData("LiveClass:PresenceGracePeriod=00:00:00")]
    [InlineData("Shutdown:CloseTimeout=-00:00:01")]
    [InlineData("MemoryReturn:CheckInterval=00:00:00")]
    [InlineData("BackgroundGcKeepAlive:Interval=00:00:25")]
    [InlineData("Delivery:KeepAliveInterval=00:00:00")]
    [InlineData("Delivery:MaxQueueAge=02:00:00")]
    public async Task A_duration_out_of_range_stops_start_up_naming_its_key(string setting)
    {
        var error = await StartFailsAsync(setting);

        Assert.Contains($"{KeyOf(setting)} must be between", error.Message);
    }

    [Theory]
    [InlineData("MemoryReturn:MinimumFreeShareOfHeap=2", "MemoryReturn:MinimumFreeShareOfHeap must be between 0 and 1")]
    [InlineData("Observability:PrometheusPath=metrics", "Observability:PrometheusPath must be a path starting with /")]
    public async Task A_value_out_of_range_stops_start_up_naming_its_key(string setting, string expected)
    {
        var error = await StartFailsAsync(setting);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_tempo_range_upside_down_stops_start_up()
    {
        var error = await StartFailsAsync("LiveClass:TempoMin=70", "LiveClass:TempoMax=60");

        Assert.Contains("LiveClass:TempoMin (70) must not be above LiveClass:TempoMax (60)", error.Message);
    }

    [Fact]
    public async Task Subscriptions_that_lapse_before_their_renewal_stop_start_up()
    {
        var error = await StartFailsAsync("LiveClass:BridgeRenewalPeriod=00:00:15", "LiveClass:BridgeSubscriptionLifetime=00:00:10");

        Assert.Contains("LiveClass:BridgeSubscriptionLifetime (00:00:10) must be longer than LiveClass:BridgeRenewalPeriod (00:00:15)", error.Message);
    }

    [Fact]
    public async Task The_hub_and_reminder_settings_reach_SignalR_and_Orleans()
    {
        await using var app = Build("LiveClass:HubMaximumMessageSize=4096", "LiveClass:StatefulReconnectBufferSize=65536",
            "LiveClass:LifecycleCheckPeriod=00:00:01");

        var hub = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;
        Assert.Equal(4096, hub.MaximumReceiveMessageSize);
        Assert.Equal(65536, hub.StatefulReconnectBufferSize);
        Assert.Equal(TimeSpan.FromSeconds(1), app.Services.GetRequiredService<IOptions<ReminderOptions>>().Value.MinimumReminderPeriod);
    }

    [Fact]
    public async Task The_defaults_keep_the_documented_hub_limits()
    {
        await using var app = Build();

        var hub = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;
        Assert.Equal(32 * 1024, hub.MaximumReceiveMessageSize);
        Assert.Equal(1024 * 1024, hub.StatefulReconnectBufferSize);
    }

    /// <summary>Some options are read while the endpoints are mapped (the hub's), the rest when the host starts.</summary>
    private static Task<OptionsValidationException> StartFailsAsync(params string[] settings) =>
        Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = Build(settings);
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

    /// <summary>The configuration key of a <c>Key=value</c> setting.</summary>
    private static string KeyOf(string setting) => setting[..setting.IndexOf('=')];

    private static WebApplication Build(params string[] settings) => LiveClassApp.Build(
    [
        "--urls=http://127.0.0.1:0",
        "--environment=Testing",
        "--Cluster:SiloPort=0",
        "--Cluster:GatewayPort=0",
        "--Logging:LogLevel:Default=Warning",
        .. settings.Select(s => "--" + s),
    ]);
}
