using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveClass.Tests.Hub;

/// <summary>What the server logs when a client's call is refused: nothing a client can repeat into a flood of errors.</summary>
public sealed class RefusedCallLogTests
{
    private const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    [Fact]
    public async Task Calls_refused_for_the_clients_own_reasons_log_no_error()
    {
        var dispatcher = new RecordingLoggerProvider(DispatcherCategory);
        await using var server = await LiveClassServer.StartAsync(services => services.AddSingleton<ILoggerProvider>(dispatcher));
        var created = await server.CreateClassAsync();
        await using var parent = await ClassClient.ConnectAsync(server.BaseUrl);
        await parent.JoinAsParentAsync(created.JoinCode, "Sam");

        var forbidden = await Assert.ThrowsAsync<HubException>(() => parent.Hub.StartClass());
        Assert.StartsWith("forbidden:", forbidden.Message, StringComparison.Ordinal);
        var invalid = await Assert.ThrowsAsync<HubException>(() => parent.Hub.CheckIn("NoSuchStatus", null));
        Assert.StartsWith("invalid:", invalid.Message, StringComparison.Ordinal);

        Assert.Empty(dispatcher.Messages);
    }
}
