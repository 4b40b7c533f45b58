using LiveClass.Grains;
using LiveClass.Grains.Sessions;
using LiveClass.Server.Realtime;
using LiveClass.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LiveClass.Tests.Realtime;

/// <summary>
/// In the real server, the class grains' deliveries to their own silo's bridge are handed to the
/// bridge in process: the batcher knows the bridge behind its sink's reference, however the grain
/// got that reference.
/// </summary>
public sealed class InProcessSinkTests : ServerPerTest
{
    [Fact]
    public async Task The_batcher_hands_this_silos_deliveries_to_its_bridge_and_families_follow_the_class()
    {
        var created = await Server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(Server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await using var parent = await ClassClient.ConnectAsync(Server.BaseUrl);
        await parent.JoinAsParentAsync(created.JoinCode, "The Okafors");

        var seq = await instructor.Hub.GoToStep(2);
        await parent.WaitForSeqAsync(seq);
        Assert.Equal(2, parent.Mirror.StepIndex);

        var bridge = Server.Services.GetRequiredService<SiloClassBridge>();
        var batcher = Server.Services.GetRequiredService<SiloEventBatcher>();
        var copier = Server.Services.GetRequiredService<DeepCopier>();
        var serializer = Server.Services.GetRequiredService<Serializer>();
        var copied = copier.Copy(bridge.Sink);
        var deserialized = serializer.Deserialize<ISiloEventSink>(serializer.SerializeToArray(bridge.Sink))!;

        Assert.Same(bridge, batcher.TargetOf(bridge.Sink));
        Assert.Same(bridge, batcher.TargetOf(copied));
        Assert.Same(bridge, batcher.TargetOf(deserialized));
    }
}
