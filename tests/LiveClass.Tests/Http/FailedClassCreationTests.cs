using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Http;

/// <summary>
/// A class whose creation fails after its join code was claimed (the class's silo going away)
/// answers <c>unavailable</c> and gives the code back: nobody learned that class's id or key, so
/// the code would otherwise be taken by a class nobody can use.
/// </summary>
public sealed class FailedClassCreationTests : IAsyncLifetime
{
    private readonly GrainCallFaults _faults = new();
    private readonly ClaimedJoinCodes _claims = new();
    private LiveClassServer? _server;

    private LiveClassServer Server => _server!;

    public async ValueTask InitializeAsync() =>
        _server = await LiveClassServer.StartAsync(services => services
            .AddSingleton<IIncomingGrainCallFilter>(_faults)
            .AddSingleton<IIncomingGrainCallFilter>(_claims));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_creation_that_fails_after_claiming_a_join_code_releases_it()
    {
        using (_faults.Fail<IClassSessionGrain>(nameof(IClassSessionGrain.Create)))
        {
            using var response = await Server.Http.PostAsJsonAsync("/api/classes", new { title = "Week 1", instructorName = "Maya" });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var code = Assert.Single(_claims.Codes);
        Assert.Null(await Server.Grains.GetGrain<IJoinCodeGrain>(code).GetClassId());
        using var lookup = await Server.Http.GetAsync($"/api/classes/{JoinCode.Format(code)}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);

        // With the class's silo back, a creation works and its code leads to its class.
        var created = await Server.CreateClassAsync();
        Assert.True(JoinCode.TryNormalize(created.JoinCode, out var createdCode));
        Assert.Equal(created.ClassId, await Server.Grains.GetGrain<IJoinCodeGrain>(createdCode).GetClassId());
    }

    /// <summary>Records the join codes that classes claim.</summary>
    private sealed class ClaimedJoinCodes : IIncomingGrainCallFilter
    {
        private readonly ConcurrentQueue<string> _codes = new();

        public IReadOnlyCollection<string> Codes => _codes;

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod.Name == nameof(IJoinCodeGrain.TryClaim) && context.InterfaceMethod.DeclaringType == typeof(IJoinCodeGrain))
            {
                _codes.Enqueue(context.TargetId.Key.ToString()!);
            }

            return context.Invoke();
        }
    }
}
