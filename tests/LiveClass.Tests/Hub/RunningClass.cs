using LiveClass.Contracts;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.Tests.Hub;

/// <summary>A server with one class, its instructor and one parent joined.</summary>
public sealed class RunningClass(LiveClassServer server, WireProtocol protocol, CreateClassResponse created, ClassClient instructor, ClassClient parent)
    : IAsyncDisposable
{
    public LiveClassServer Server => server;
    public CreateClassResponse Created => created;
    public ClassClient Instructor => instructor;
    public ClassClient Parent => parent;

    /// <summary>A new connection to this class's server, on the class's protocol, that has not joined.</summary>
    public Task<ClassClient> ConnectAsync() => ClassClient.ConnectAsync(server.BaseUrl, protocol);

    public static async Task<RunningClass> StartAsync(WireProtocol protocol, params string[] settings)
    {
        var server = await LiveClassServer.StartAsync(settings);
        var created = await server.CreateClassAsync();
        var instructor = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        var parent = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
        await parent.JoinAsParentAsync(created.JoinCode, "The Garcias");
        return new RunningClass(server, protocol, created, instructor, parent);
    }

    /// <summary>
    /// The call fails with a message starting with <paramref name="code"/>, the connection stays
    /// open (a ping still answers) and the class is exactly as it was.
    /// </summary>
    public async Task ExpectErrorAsync(ClassClient client, string code, string method, params object?[] args)
    {
        var before = ClassText.Describe(await Server.SnapshotAsync(Created.ClassId));
        var error = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeCoreAsync<object>(method, args));
        Assert.StartsWith(code, error.Message);
        Assert.True(error.Message.Length > code.Length + 2, $"'{error.Message}' says what is wrong");
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        Assert.True((await client.Hub.Ping(1L)).ServerTime > 0);
        var after = ClassText.Describe(await Server.SnapshotAsync(Created.ClassId));
        Assert.Equal(before, after);
    }

    public async ValueTask DisposeAsync()
    {
        await Parent.DisposeAsync();
        await Instructor.DisposeAsync();
        await Server.DisposeAsync();
    }
}
