using System.Net;
using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Grains.Storage;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace LiveClass.Tests.Lifecycle;

/// <summary>Classes go away: idle ones end by themselves, and every class is deleted once its retention is over.</summary>
public sealed class ClassRetentionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_ended_class_is_deleted_after_its_retention_and_its_code_can_be_issued_again()
    {
        await using var server = await LiveClassServer.StartAsync(
            "LiveClass:EndedRetention=00:00:02", "LiveClass:LifecycleCheckPeriod=00:00:01", "LiveClass:EventLogSegmentSize=5",
            "Limits:ChangesBurst=1000", "LiveClass:Journal:WriteBehind=false");
        var storage = (InMemoryGrainStorage)server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Classes);
        var storedBefore = storage.Count;

        // Every commit written, so that the class has stored segments as well when it is deleted.
        var created = await server.CreateClassAsync();
        var code = JoinCode.TryNormalize(created.JoinCode, out var canonical) ? canonical : throw new InvalidOperationException();
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await using var parent = await ClassClient.ConnectAsync(server.BaseUrl);
        await parent.JoinAsParentAsync(created.JoinCode, "The Garcias");
        await instructor.Hub.StartClass();
        for (var step = 0; step < 12; step++)
        {
            await instructor.Hub.GoToStep(step);
        }

        await parent.Hub.SendChat("c1", "Thank you");
        await instructor.Hub.EndClass();
        Assert.True(storage.Count > storedBefore + 5, "the class stored its state, segments, participants, directory entry and code");

        // Within the retention an ended class still answers a rejoin.
        Assert.NotNull((await parent.ReconnectAsync()).Snapshot);

        await Eventually(() => storage.Count == storedBefore);

        Assert.Null(await server.Grains.GetGrain<IJoinCodeGrain>(code).GetClassId());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync($"/api/classes/{created.JoinCode}")).StatusCode);
        var rejoin = await Assert.ThrowsAsync<HubException>(() => parent.ReconnectAsync());
        Assert.StartsWith("forbidden:", rejoin.Message, StringComparison.Ordinal);
        var instructorJoin = await Assert.ThrowsAsync<HubException>(
            () => instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey));
        Assert.StartsWith("not_found:", instructorJoin.Message, StringComparison.Ordinal);
        Assert.True(await server.Grains.GetGrain<IJoinCodeGrain>(code).TryClaim("another-class"));
    }

    [Fact]
    public async Task A_class_nobody_touches_ends_and_goes_away_without_being_in_memory()
    {
        await using var server = await LiveClassServer.StartAsync(
            "LiveClass:IdleTimeout=00:00:01", "LiveClass:EndedRetention=00:00:01", "LiveClass:LifecycleCheckPeriod=00:00:01");
        var storage = (InMemoryGrainStorage)server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Classes);
        var storedBefore = storage.Count;
        var created = await server.CreateClassAsync();
        var management = server.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        // Nothing asks for the class again: only its reminder can end and delete it.
        await Eventually(() => storage.Count == storedBefore);

        Assert.True(JoinCode.TryNormalize(created.JoinCode, out var code));
        Assert.Null(await server.Grains.GetGrain<IJoinCodeGrain>(code).GetClassId());
    }

    [Fact]
    public async Task A_live_class_with_its_families_is_kept()
    {
        await using var server = await LiveClassServer.StartAsync(
            "LiveClass:EndedRetention=00:00:01", "LiveClass:LifecycleCheckPeriod=00:00:01");
        var created = await server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await instructor.Hub.StartClass();

        await Task.Delay(TimeSpan.FromSeconds(4));

        var snapshot = await server.SnapshotAsync(created.ClassId);
        Assert.Equal(ClassStatus.Live, snapshot.Status);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync($"/api/classes/{created.JoinCode}")).StatusCode);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the class was not deleted in time");
            await Task.Delay(200);
        }
    }
}
