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

    /// <summary>Answers every request as a missing entity, after a delay, and counts how many it holds at once.</summary>
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

        public static async Task<SlowTableService> StartAsync(TimeSpan answerAfter)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var service = new SlowTableService(app);
            app.Run(context => service.AnswerAsync(context, answerAfter));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            // Azurite's well-known development account, on this service's port.
            service.ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                $"TableEndpoint={address}/devstoreaccount1;";
            return service;
        }

        private async Task AnswerAsync(HttpContext context, TimeSpan answerAfter)
        {
            Interlocked.Increment(ref _requests);
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
