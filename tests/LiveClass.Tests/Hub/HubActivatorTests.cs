using LiveClass.Server.Realtime;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Hub;

public sealed class HubActivatorTests
{
    [Fact]
    public async Task Every_calls_scope_gets_the_one_hub_activator_and_a_hub_of_its_own()
    {
        await using var server = await LiveClassServer.StartAsync();

        // SignalR resolves the activator in each call's own scope; SignalR's default is scoped.
        await using var first = server.Services.CreateAsyncScope();
        await using var second = server.Services.CreateAsyncScope();
        var activator = first.ServiceProvider.GetRequiredService<IHubActivator<ClassHub>>();
        Assert.IsType<ClassHubActivator>(activator);
        Assert.Same(activator, second.ServiceProvider.GetRequiredService<IHubActivator<ClassHub>>());

        var hub = activator.Create();
        var other = activator.Create();
        Assert.NotSame(hub, other);
        activator.Release(hub);
        activator.Release(other);
    }
}
