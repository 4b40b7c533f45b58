using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using LiveClass.Contracts;
using LiveClass.Grains;
using LiveClass.Grains.Sessions;
using LiveClass.Server.Limits;
using LiveClass.Tests.Hub;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveClass.Tests.Limits;

/// <summary>The limits on anonymous and per-participant work, each at its edge: the last allowed request passes, the next is refused with <c>rate_limited</c>.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Class_creation_is_limited_per_address_with_a_problem_and_a_counted_refusal()
    {
        using var refusals = new RefusalListener();
        await using var server = await LiveClassServer.StartAsync("Limits:ClassCreationsPerMinute=3");

        for (var i = 0; i < 3; i++)
        {
            await server.CreateClassAsync();
        }

        var refused = await server.Http.PostAsJsonAsync("/api/classes", new { title = "One more", instructorName = "Maya" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(ErrorCodes.RateLimited, problem!.Type);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.True(refusals.Count("class-creation") >= 1);
    }

    [Fact]
    public async Task Addresses_of_one_IPv6_network_share_one_budget_behind_a_known_proxy()
    {
        await using var server = await LiveClassServer.StartAsync("Limits:ClassLookupsPerMinute=2", "Web:KnownProxies:0=127.0.0.1");

        Task<HttpResponseMessage> LookUpFrom(string client)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/classes/ZZZ-ZZZ");
            request.Headers.Add("X-Forwarded-For", client);
            return server.Http.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await LookUpFrom("2001:db8:1:2::1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await LookUpFrom("2001:db8:1:2::2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LookUpFrom("2001:db8:1:2:ffff::3")).StatusCode);

        // Another network, and another IPv4 client, each have their own.
        Assert.Equal(HttpStatusCode.NotFound, (await LookUpFrom("2001:db8:1:3::1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await LookUpFrom("203.0.113.7")).StatusCode);
    }

    [Fact]
    public async Task A_flood_of_refusals_is_counted_in_full_and_logged_a_few_a_second()
    {
        using var refusals = new RefusalListener();
        var logs = new RecordingLoggerProvider(typeof(Refusals).FullName!);
        await using var server = await LiveClassServer.StartAsync(
            services => services.AddSingleton<ILoggerProvider>(logs), "Limits:ClassLookupsPerMinute=1");

        var flood = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => server.Http.GetAsync("/api/classes/ZZZ-ZZZ")));
        var seconds = (int)Math.Ceiling(flood.Elapsed.TotalSeconds);

        var refused = answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(refused >= 58, $"{refused} of 60 refused");
        Assert.True(refusals.Count("class-lookup") >= refused, "not every refusal was counted");
        Assert.True(seconds < 5, $"the flood took {seconds} s");
        Assert.InRange(logs.Messages.Count, 1, (seconds + 1) * RefusalLogBudget.DefaultPerSecond);
        Assert.All(logs.Messages, m => Assert.StartsWith("Refused by the class-lookup limit: ", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Code_look_ups_are_limited_per_address()
    {
        await using var server = await LiveClassServer.StartAsync("Limits:ClassLookupsPerMinute=5");
        var created = await server.CreateClassAsync();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync($"/api/classes/ZZZ-ZZ{i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync($"/api/classes/{created.JoinCode}")).StatusCode);
        var refused = await server.Http.GetAsync($"/api/classes/{created.JoinCode}");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(ErrorCodes.RateLimited, (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Type);

        // The same answer for a client that accepts only text.
        using var textOnly = new HttpRequestMessage(HttpMethod.Get, $"/api/classes/{created.JoinCode}");
        textOnly.Headers.Accept.ParseAdd("text/plain");
        var refusedText = await server.Http.SendAsync(textOnly);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedText.StatusCode);
        Assert.Equal("application/problem+json", refusedText.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ErrorCodes.RateLimited, (await refusedText.Content.ReadFromJsonAsync<ProblemDetails>())!.Type);
    }

    [Fact]
    public async Task A_rejoin_tried_again_while_the_cluster_recovers_counts_as_one_join()
    {
        var faults = new GrainCallFaults();
        await using var server = await LiveClassServer.StartAsync(
            services => services.AddSingleton<IIncomingGrainCallFilter>(faults), "Limits:JoinsPerMinute=3");
        var created = await server.CreateClassAsync();
        await using var family = await ClassClient.ConnectAsync(server.BaseUrl);
        await family.JoinAsParentAsync(created.JoinCode, "The Lees");
        await using var again = await ClassClient.ConnectAsync(server.BaseUrl);

        Task<RejoinResult> rejoin;
        using (faults.Fail<IClassSessionGrain>(nameof(IClassSessionGrain.Rejoin)))
        {
            rejoin = again.RejoinAsync(family.Token);
            await Eventually.WaitUntilAsync(() => faults.Failed >= 3);
        }

        // Three attempts, and a fourth once the class answers again: one join of the three allowed.
        Assert.Equal(family.ParticipantId, (await rejoin).ParticipantId);
        await using var third = await ClassClient.ConnectAsync(server.BaseUrl);
        await third.JoinAsParentAsync(created.JoinCode, "The Garcias");
    }

    [Theory]
    [EveryWireProtocol]
    public async Task Hub_joins_are_limited_per_address(WireProtocol protocol)
    {
        await using var server = await LiveClassServer.StartAsync("Limits:JoinsPerMinute=4");
        var created = await server.CreateClassAsync();
        await using var client = await ClassClient.ConnectAsync(server.BaseUrl, protocol);

        await client.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await Assert.ThrowsAsync<HubException>(() => client.Hub.JoinAsParent("ZZZZZZ", "Sam"));
        await Assert.ThrowsAsync<HubException>(() => client.Hub.JoinAsInstructor("no-such-class", "key"));
        await client.RejoinAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => client.Hub.JoinAsParent(created.JoinCode, "Sam"));

        Assert.StartsWith("rate_limited:", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        Assert.Single((await server.SnapshotAsync(created.ClassId)).Participants);
    }

    [Theory]
    [EveryWireProtocol]
    public async Task Check_ins_are_limited_per_participant_and_change_nothing_once_refused(WireProtocol protocol)
    {
        using var refusals = new RefusalListener();
        await using var klass = await RunningClass.StartAsync(protocol,
            "Limits:ChangesBurst=5", "Limits:ChangesPerParticipantPerMinute=1", "Limits:ChangesPerConnectionPerMinute=1000");

        for (var i = 0; i < 5; i++)
        {
            await klass.Parent.Hub.CheckIn(i % 2 == 0 ? "Ready" : "Following", null);
        }

        await klass.ExpectErrorAsync(klass.Parent, "rate_limited:", nameof(IClassHub.CheckIn), "NeedHelp", null);
        Assert.True(refusals.Count("participant-changes") >= 1);

        // The family's other connection shares the participant's budget; the instructor has their own.
        await using var second = await klass.ConnectAsync();
        await second.RejoinAsync(klass.Parent.Token);
        await klass.ExpectErrorAsync(second, "rate_limited:", nameof(IClassHub.CheckIn), "NeedHelp", null);
        Assert.True(await klass.Instructor.Hub.GoToStep(1) > 0);
    }

    [Fact]
    public async Task Changes_are_limited_per_connection()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.Json,
            "Limits:ChangesBurst=3", "Limits:ChangesPerConnectionPerMinute=1", "Limits:ChangesPerParticipantPerMinute=1000");

        for (var i = 0; i < 3; i++)
        {
            await klass.Instructor.Hub.SetTempo(20 + i);
        }

        await klass.ExpectErrorAsync(klass.Instructor, "rate_limited:", nameof(IClassHub.SetTempo), 40);
    }

    [Theory]
    [EveryWireProtocol]
    public async Task A_family_holds_a_bounded_number_of_connections(WireProtocol protocol)
    {
        await using var klass = await RunningClass.StartAsync(protocol, "Limits:MaxConnectionsPerFamily=2");
        await using var second = await klass.ConnectAsync();
        await second.RejoinAsync(klass.Parent.Token);
        await using var third = await klass.ConnectAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => third.RejoinAsync(klass.Parent.Token));
        Assert.StartsWith("rate_limited:", refused.Message, StringComparison.Ordinal);

        // The instructor too; a connection that already acts for the family may rejoin as it.
        await using var instructorAgain = await klass.ConnectAsync();
        await instructorAgain.JoinAsInstructorAsync(klass.Created.ClassId, klass.Created.InstructorKey);
        await using var instructorThird = await klass.ConnectAsync();
        var instructorRefused = await Assert.ThrowsAsync<HubException>(
            () => instructorThird.JoinAsInstructorAsync(klass.Created.ClassId, klass.Created.InstructorKey));
        Assert.StartsWith("rate_limited:", instructorRefused.Message, StringComparison.Ordinal);
        await second.RejoinAsync();

        // Once a connection closes there is room again, as soon as the server has seen it close.
        await second.DropAsync();
        await RejoinOnceThereIsRoomAsync(third, klass.Parent.Token);
    }

    [Theory]
    [EveryWireProtocol]
    public async Task Hub_connections_are_limited_per_address_joined_or_not(WireProtocol protocol)
    {
        using var refusals = new RefusalListener();
        await using var server = await LiveClassServer.StartAsync("Limits:MaxConnectionsPerAddress=3");
        var limiter = server.Services.GetRequiredService<AddressConnectionLimiter>();
        var created = await server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await using var idle = await OpenAsync(server, protocol);
        await using var another = await OpenAsync(server, protocol);

        // A fourth from the same address is closed at once, with a coded error; the three stay.
        var refused = await OpenRefusedAsync(server, protocol);
        Assert.Contains("rate_limited: ", refused, StringComparison.Ordinal);
        await using (var raw = await RawHubClient.ConnectAsync(server.BaseUrl))
        {
            // On the wire the close message's error starts with the code, as every hub error's does.
            await raw.ReadUntilClosedAsync(TimeSpan.FromSeconds(10));
            Assert.StartsWith("close message: rate_limited: ", raw.ClosedWith, StringComparison.Ordinal);
        }

        Assert.True(refusals.Count("address-connections") >= 1, "the refusal was not counted");
        Assert.Equal(3, limiter.OpenFrom("127.0.0.1"));
        Assert.Equal(1L, (await instructor.Hub.Ping(1L)).ClientTime);
        Assert.Equal(1L, (await idle.InvokeAsync<PingResult>(nameof(IClassHub.Ping), 1L)).ClientTime);

        // Once one closes there is room again, as soon as the server has seen it close.
        await another.DisposeAsync();
        await Eventually.WaitUntilAsync(() => limiter.OpenFrom("127.0.0.1") == 2);
        await using var next = await OpenAsync(server, protocol);
        Assert.Equal(1L, (await next.InvokeAsync<PingResult>(nameof(IClassHub.Ping), 1L)).ClientTime);
        Assert.Equal(3, limiter.OpenFrom("127.0.0.1"));
    }

    [Fact]
    public async Task Requests_that_open_hub_connections_are_limited_per_address()
    {
        using var refusals = new RefusalListener();
        await using var server = await LiveClassServer.StartAsync("Limits:HubConnectsPerMinute=4");

        // A .NET or web client negotiates, then connects: two requests per connection.
        await using var first = await OpenAsync(server, WireProtocol.MessagePack);
        await using var second = await OpenAsync(server, WireProtocol.Json);

        // A negotiation more, as a flood of them that never connect would send.
        var refused = await server.Http.PostAsync($"{HubNames.Path}/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(ErrorCodes.RateLimited, (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Type);
        Assert.True(refused.Headers.RetryAfter is not null, "no Retry-After");
        Assert.True(refusals.Count("hub-connect") >= 1, "the refusal was not counted");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => OpenAsync(server, WireProtocol.MessagePack));

        // A WebSocket that skips negotiation is a connect request of its own, and counts the same.
        await using var direct = NewConnection(server, WireProtocol.MessagePack, HttpTransportType.WebSockets, skipNegotiation: true);
        await Assert.ThrowsAnyAsync<Exception>(() => direct.StartAsync());

        // The connections already open are untouched.
        Assert.Equal(1L, (await first.InvokeAsync<PingResult>(nameof(IClassHub.Ping), 1L)).ClientTime);
        Assert.Equal(2L, (await second.InvokeAsync<PingResult>(nameof(IClassHub.Ping), 2L)).ClientTime);
    }

    [Fact]
    public async Task Long_polling_exchanges_more_requests_than_the_connect_rate_once_connected()
    {
        await using var server = await LiveClassServer.StartAsync("Limits:HubConnectsPerMinute=2");

        // One negotiation and the first poll; then a send and a poll or more for every call.
        await using var polling = NewConnection(server, WireProtocol.Json, HttpTransportType.LongPolling);
        await polling.StartAsync();
        for (var i = 1L; i <= 10; i++)
        {
            Assert.Equal(i, (await polling.InvokeAsync<PingResult>(nameof(IClassHub.Ping), i)).ClientTime);
        }
    }

    [Fact]
    public async Task A_WebSocket_that_skips_negotiation_is_let_in_while_the_connect_rate_allows()
    {
        await using var server = await LiveClassServer.StartAsync("Limits:HubConnectsPerMinute=1");

        await using var direct = NewConnection(server, WireProtocol.Json, HttpTransportType.WebSockets, skipNegotiation: true);
        await direct.StartAsync();

        Assert.Equal(3L, (await direct.InvokeAsync<PingResult>(nameof(IClassHub.Ping), 3L)).ClientTime);
    }

    private static HubConnection NewConnection(LiveClassServer server, WireProtocol protocol) =>
        new HubConnectionBuilder().WithClassHub(server.BaseUrl).AddClassProtocol(protocol).Build();

    private static HubConnection NewConnection(LiveClassServer server, WireProtocol protocol, HttpTransportType transport, bool skipNegotiation = false) =>
        new HubConnectionBuilder()
            .WithClassHub(server.BaseUrl, options =>
            {
                options.Transports = transport;
                options.SkipNegotiation = skipNegotiation;
            })
            .AddClassProtocol(protocol)
            .Build();

    private static async Task<HubConnection> OpenAsync(LiveClassServer server, WireProtocol protocol)
    {
        var connection = NewConnection(server, protocol);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Opens a connection the server is expected to close at once; returns the error it closed with.</summary>
    private static async Task<string> OpenRefusedAsync(LiveClassServer server, WireProtocol protocol)
    {
        await using var connection = NewConnection(server, protocol);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };

        try
        {
            await connection.StartAsync();
        }
        catch (Exception error)
        {
            return error.Message;
        }

        return (await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)))?.Message ?? "closed without an error";
    }

    private static async Task RejoinOnceThereIsRoomAsync(ClassClient client, string? token)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await client.RejoinAsync(token);
                return;
            }
            catch (HubException refused) when (refused.Message.StartsWith("rate_limited:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task With_the_exemptions_set_this_machine_is_not_limited_per_address_and_the_instructor_sets_the_pace()
    {
        using var refusals = new RefusalListener();
        await using var klass = await RunningClass.StartAsync(WireProtocol.Json,
            "Limits:LimitLoopback=false", "Limits:LimitInstructor=false",
            "Limits:ClassCreationsPerMinute=2", "Limits:ClassLookupsPerMinute=2", "Limits:JoinsPerMinute=2",
            "Limits:ChangesBurst=3", "Limits:ChangesPerParticipantPerMinute=1", "Limits:ChangesPerConnectionPerMinute=1");

        for (var i = 0; i < 5; i++)
        {
            var created = await klass.Server.CreateClassAsync();
            Assert.Equal(HttpStatusCode.OK, (await klass.Server.Http.GetAsync($"/api/classes/{created.JoinCode}")).StatusCode);
            await using var family = await ClassClient.ConnectAsync(klass.Server.BaseUrl);
            await family.JoinAsParentAsync(created.JoinCode, "The Okafors");
        }

        for (var step = 0; step < 10; step++)
        {
            await klass.Instructor.Hub.GoToStep(step);
        }

        // A family still has its budget of changes.
        for (var i = 0; i < 3; i++)
        {
            await klass.Parent.Hub.CheckIn("Ready", null);
        }

        await klass.ExpectErrorAsync(klass.Parent, "rate_limited:", nameof(IClassHub.CheckIn), "NeedHelp", null);
        Assert.Equal(0, refusals.Count("class-creation") + refusals.Count("class-lookup") + refusals.Count("join"));
    }

    [Fact]
    public async Task A_join_and_leave_loop_cannot_grow_the_roster_without_bound()
    {
        await using var server = await LiveClassServer.StartAsync("LiveClass:MaxRosterEntries=4");
        var created = await server.CreateClassAsync();
        await using var client = await ClassClient.ConnectAsync(server.BaseUrl);

        // The instructor is not joined: the roster's 4 entries are 4 families who all left.
        for (var i = 0; i < 4; i++)
        {
            await client.JoinAsParentAsync(created.JoinCode, $"Family {i}");
            await client.Hub.Leave();
        }

        var refused = await Assert.ThrowsAsync<HubException>(() => client.JoinAsParentAsync(created.JoinCode, "Family 5"));

        Assert.StartsWith("class_full:", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instructor_joins_with_guessed_class_ids_or_wrong_keys_wake_no_class()
    {
        await using var server = await LiveClassServer.StartAsync();
        var created = await server.CreateClassAsync();
        await using var client = await ClassClient.ConnectAsync(server.BaseUrl);
        var management = server.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var before = await ClassActivationsAsync(management);

        for (var i = 0; i < 20; i++)
        {
            var guessed = await Assert.ThrowsAsync<HubException>(() => client.JoinAsInstructorAsync(LiveClass.Domain.Secrets.NewClassId(), "key"));
            Assert.StartsWith("not_found:", guessed.Message, StringComparison.Ordinal);
        }

        var wrongKey = await Assert.ThrowsAsync<HubException>(() => client.JoinAsInstructorAsync(created.ClassId, "not-the-key"));
        Assert.StartsWith("forbidden:", wrongKey.Message, StringComparison.Ordinal);

        Assert.Equal(before, await ClassActivationsAsync(management));
        await client.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        Assert.True(await ClassActivationsAsync(management) >= 1);
    }

    [Fact]
    public async Task Recaps_asked_with_guessed_class_ids_or_wrong_keys_wake_no_class()
    {
        await using var server = await LiveClassServer.StartAsync();
        var created = await server.CreateClassAsync();
        var management = server.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var before = await ClassActivationsAsync(management);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await server.GetRecapAsync(LiveClass.Domain.Secrets.NewClassId(), "key")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await server.GetRecapAsync(created.ClassId, "not-the-key")).StatusCode);
        Assert.Equal(before, await ClassActivationsAsync(management));

        Assert.Equal(HttpStatusCode.OK, (await server.GetRecapAsync(created.ClassId, created.InstructorKey)).StatusCode);
        Assert.True(await ClassActivationsAsync(management) >= 1);
    }

    [Fact]
    public async Task Recaps_share_the_code_look_ups_budget_per_address()
    {
        await using var server = await LiveClassServer.StartAsync("Limits:ClassLookupsPerMinute=3");
        var created = await server.CreateClassAsync();

        Task<HttpResponseMessage> RecapAsync() => server.GetRecapAsync(created.ClassId, created.InstructorKey);

        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync($"/api/classes/{created.JoinCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RecapAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/classes/ZZZ-ZZZ")).StatusCode);
        var refused = await RecapAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal(ErrorCodes.RateLimited, problem.Type);
        // The detail tells as much as Retry-After does.
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.Contains($"try again in {retryAfter.Value.TotalSeconds:0} s", problem.Detail, StringComparison.Ordinal);
    }

    private static async Task<int> ClassActivationsAsync(IManagementGrain management)
    {
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(ClassSessionGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    /// <summary>Counts the <c>liveclass.refusals</c> measurements of every server in this process, by limit.</summary>
    private sealed class RefusalListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counts = [];

        public RefusalListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "liveclass.refusals")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "limit" && tag.Value is string limit)
                    {
                        lock (_counts)
                        {
                            _counts[limit] = _counts.GetValueOrDefault(limit) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public long Count(string limit)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(limit);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
