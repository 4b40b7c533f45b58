using System.Security.Claims;
using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Server.Limits;
using LiveClass.Server.Realtime;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace LiveClass.Tests.Hub;

/// <summary>
/// What the hub filter makes of each kind of failure: a broken rule keeps its code, Rejoin is tried
/// again while the failure passes, and everything else answers unavailable. The real faults
/// (kill -9 of a silo, a refused state write) are in the cluster and storage tests.
/// </summary>
public sealed class HubFilterTests
{
    private readonly LiveClassHubFilter _filter = new(NullLogger<LiveClassHubFilter>.Instance);

    [Fact]
    public async Task The_servers_hub_filters_are_made_once_and_not_for_every_call()
    {
        await using var server = await LiveClassServer.StartAsync();

        // SignalR takes a filter type from the container when it is there, and constructs one per call when not.
        var filter = server.Services.GetService<LiveClassHubFilter>();
        var limiter = server.Services.GetService<HubCallLimiter>();
        Assert.NotNull(filter);
        Assert.NotNull(limiter);
        Assert.Same(filter, server.Services.GetService<LiveClassHubFilter>());
        Assert.Same(limiter, server.Services.GetService<HubCallLimiter>());
    }

    [Fact]
    public async Task Rejoin_is_tried_again_while_the_class_moves_and_then_answers()
    {
        var calls = 0;
        var result = await _filter.InvokeMethodAsync(Context(nameof(ClassHub.Rejoin)), _ => ++calls switch
        {
            1 => throw new SiloUnavailableException("the silo died"),
            2 => throw new Azure.RequestFailedException(503, "the storage account is busy"),
            3 => throw new TimeoutException("no answer"),
            _ => ValueTask.FromResult<object?>("rejoined"),
        });

        Assert.Equal("rejoined", result);
        Assert.Equal(4, calls);
    }

    [Theory]
    [InlineData(nameof(IClassHub.GoToStep))]
    [InlineData(nameof(IClassHub.SendChat))]
    [InlineData(nameof(IClassHub.JoinAsParent))]
    public async Task A_call_that_is_not_safe_to_repeat_answers_unavailable_at_once(string method)
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<HubException>(async () =>
            await _filter.InvokeMethodAsync(Context(method), _ => { calls++; throw new InconsistentStateException("refused write"); }));

        Assert.StartsWith("unavailable: ", error.Message);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Rejoin_gives_up_with_unavailable_when_the_class_stays_away()
    {
        var calls = 0;
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<HubException>(async () =>
            await _filter.InvokeMethodAsync(Context(nameof(ClassHub.Rejoin)), _ => { calls++; throw new SiloUnavailableException("gone"); }));

        Assert.StartsWith("unavailable: ", error.Message);
        Assert.True(calls > 5, $"only {calls} attempts");
        Assert.True(DateTime.UtcNow - started <= LiveClassHubFilter.RetryBudget + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_broken_rule_keeps_its_code_and_is_never_retried_and_anything_unexpected_is_unavailable()
    {
        var calls = 0;
        var forbidden = await Assert.ThrowsAsync<HubException>(async () =>
            await _filter.InvokeMethodAsync(Context(nameof(ClassHub.Rejoin)), _ => { calls++; throw LiveClassException.Forbidden("token revoked"); }));
        Assert.Equal("forbidden: token revoked", forbidden.Message);
        Assert.Equal(1, calls);

        var unexpected = await Assert.ThrowsAsync<HubException>(async () =>
            await _filter.InvokeMethodAsync(Context(nameof(IClassHub.CheckIn)), _ => throw new InvalidOperationException("a bug")));
        Assert.StartsWith("unavailable: ", unexpected.Message);
        Assert.DoesNotContain("a bug", unexpected.Message);
    }

    private static HubInvocationContext Context(string method) =>
        new(new Caller(), new EmptyServices(), new ClassHubStandIn(), typeof(ClassHubStandIn).GetMethod(method)!, []);

    /// <summary>The filter knows a call by its method's name; these stand in for the hub's.</summary>
    private sealed class ClassHubStandIn : Microsoft.AspNetCore.SignalR.Hub
    {
        public void Rejoin() => throw new NotSupportedException();
        public void GoToStep() => throw new NotSupportedException();
        public void SendChat() => throw new NotSupportedException();
        public void JoinAsParent() => throw new NotSupportedException();
        public void CheckIn() => throw new NotSupportedException();
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    private sealed class Caller : HubCallerContext
    {
        public override string ConnectionId => "test-connection";
        public override string? UserIdentifier => null;
        public override ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }
}
