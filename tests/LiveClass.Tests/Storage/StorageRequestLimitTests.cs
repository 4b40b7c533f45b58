using Azure.Core;
using Azure.Data.Tables;
using LiveClass.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Storage;

/// <summary>
/// The bound on a silo's requests to its storage account, in front of a slow table service on
/// loopback that counts the requests it holds at once.
/// </summary>
public sealed class StorageRequestLimitTests
{
    [Fact]
    public async Task A_slow_store_never_holds_more_requests_than_the_bound_and_every_request_waiting_its_turn_is_answered()
    {
        await using var store = await SlowTableService.StartAsync(answerAfter: TimeSpan.FromMilliseconds(400));
        var options = new TableClientOptions();
        // A request that waits for its turn longer than the network timeout is still answered: only the attempt is timed.
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new StorageRequestLimit(2), HttpPipelinePosition.PerRetry);
        var table = new TableClient(store.ConnectionString, "LiveClassState", options);

        var reads = Enumerable.Range(0, 16).Select(i => table.GetEntityIfExistsAsync<TableEntity>("classsession", $"class-{i}"));
        var answers = await Task.WhenAll(reads);

        Assert.All(answers, answer => Assert.False(answer.HasValue));
        Assert.Equal(16, store.Requests);
        Assert.Equal(2, store.MostAtOnce);
    }

    [Fact]
    public async Task Every_attempt_is_counted_by_service_and_method_a_retry_included()
    {
        await using var store = await SlowTableService.StartAsync(answerAfter: TimeSpan.Zero, busyFirst: 1);
        var tally = new StorageRequestTally();
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.AddPolicy(tally.PolicyFor(StorageRequestTally.Table), HttpPipelinePosition.PerRetry);
        var table = new TableClient(store.ConnectionString, "LiveClassState", options);

        // The first request is answered "server busy" and sent again; both attempts count.
        await table.GetEntityIfExistsAsync<TableEntity>("classsession", "class-1");
        await table.GetEntityIfExistsAsync<TableEntity>("classsession", "class-2");
        // A delete of an entity that is not there is answered as done.
        await table.DeleteEntityAsync("classsession", "class-3", Azure.ETag.All);

        Assert.Equal(4, store.Requests);
        Assert.Equal(3, tally.Count(StorageRequestTally.Table, "GET"));
        Assert.Equal(1, tally.Count(StorageRequestTally.Table, "DELETE"));
        Assert.Equal(0, tally.Count(StorageRequestTally.Blob, "GET"));
        Assert.Equal(
            [("table", "DELETE", 1L), ("table", "GET", 3L)],
            tally.Observe()
                .Select(m => ((string)m.Tags.ToArray().Single(t => t.Key == "service").Value!, (string)m.Tags.ToArray().Single(t => t.Key == "method").Value!, m.Value))
                .Order());
    }

    /// <summary>
    /// Answers every request as a missing entity, after a delay, and counts how many it holds at once;
    /// the first <c>busyFirst</c> requests are answered "server busy" instead.
    /// </summary>
    private sealed class SlowTableService : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _inFlight;
        private int _mostAtOnce;
        private int _requests;

        private SlowTableService(WebApplication app) => _app = app;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Requests => Volatile.Read(ref _requests);

        public string ConnectionString { get; private set; } = "";

        public static async Task<SlowTableService> StartAsync(TimeSpan answerAfter, int busyFirst = 0)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var service = new SlowTableService(app);
            app.Run(context => service.AnswerAsync(context, answerAfter, busyFirst));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            // Azurite's well-known development account, on this service's port.
            service.ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                $"TableEndpoint={address}/devstoreaccount1;";
            return service;
        }

        private async Task AnswerAsync(HttpContext context, TimeSpan answerAfter, int busyFirst)
        {
            if (Interlocked.Increment(ref _requests) <= busyFirst)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers["x-ms-error-code"] = "ServerBusy";
                return;
            }

            var now = Interlocked.Increment(ref _inFlight);
            for (var most = MostAtOnce; now > most; most = MostAtOnce)
            {
                Interlocked.CompareExchange(ref _mostAtOnce, now, most);
            }

            try
            {
                await Task.Delay(answerAfter);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers["x-ms-error-code"] = "ResourceNotFound";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"odata.error":{"code":"ResourceNotFound","message":{"value":"The specified resource does not exist."}}}""");
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
