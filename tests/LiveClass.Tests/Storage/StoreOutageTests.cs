using System.Net;
using System.Net.Http.Json;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Tests.Storage;

/// <summary>
/// The store goes away under a running server (Azurite stopped): what needs it answers the
/// protocol's retryable <c>unavailable</c>, over HTTP and over the hub, and the server stays up.
/// </summary>
/// <remarks>The test stops its Azurite: it has one of its own, as a class fixture.</remarks>
public sealed class StoreOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{

    [Fact(Timeout = 120_000)]
    public async Task With_the_store_down_http_and_hub_calls_answer_unavailable_and_the_server_stays_up()
    {
        await using var server = await LiveClassServer.StartAsync(
            "Cluster:Storage=AzureStorage", $"Cluster:AzureStorage:ConnectionString={azurite.ConnectionString}");
        var created = await server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);

        await azurite.Server.StopAsync();

        // HTTP: creating a class needs the store: 503, problem type unavailable, Retry-After.
        using var response = await server.Http.PostAsJsonAsync("/api/classes", new { title = "During the outage", instructorName = "Maya" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unavailable", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Type);
        Assert.True(response.Headers.RetryAfter is not null, "no Retry-After");

        // Hub: a change cannot be stored, so it is not acknowledged: unavailable, on an open connection.
        var refused = await Assert.ThrowsAsync<HubException>(() => instructor.Hub.StartClass());
        Assert.StartsWith("unavailable: ", refused.Message);
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, instructor.Connection.State);
        var ping = await instructor.Hub.Ping(1L);
        Assert.Equal(1L, ping.ClientTime);
    }

    private sealed record ProblemBody(string? Type, string? Detail, int? Status);
}
