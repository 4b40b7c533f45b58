using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Hub;

/// <summary>
/// A hub connection's HTTP request starts no activity: nothing listens for one, and an activity
/// current for the whole life of a connection made SignalR set and restore it around every call.
/// </summary>
public sealed class HubRequestActivityTests
{
    [Fact]
    public async Task Hub_calls_run_on_a_connection_whose_request_has_no_activity()
    {
        var recorder = new RequestActivityRecorder();
        await using var server = await LiveClassServer.StartAsync(services =>
            services.Configure<HubOptions>(options => options.AddFilter(recorder)));
        var created = await server.CreateClassAsync();
        await using var parent = await ClassClient.ConnectAsync(server.BaseUrl);

        await parent.JoinAsParentAsync(created.JoinCode, "Sam");
        await parent.Hub.CheckIn("Ready", null);

        Assert.Equal(2, recorder.Calls);
        Assert.Equal(0, recorder.CallsWithRequestActivity);
    }

    private sealed class RequestActivityRecorder : IHubFilter
    {
        private int _calls;
        private int _withActivity;

        public int Calls => Volatile.Read(ref _calls);

        public int CallsWithRequestActivity => Volatile.Read(ref _withActivity);

        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            Interlocked.Increment(ref _calls);
            if (invocationContext.Context.GetHttpContext()?.Features.Get<IHttpActivityFeature>()?.Activity is not null)
            {
                Interlocked.Increment(ref _withActivity);
            }

            return next(invocationContext);
        }
    }
}
