using LiveClass.Server.Hosting;
using LiveClass.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace LiveClass.Tests.Hosting;

/// <summary>
/// A silo's grain directory cache is sized for what one server calls, not Orleans' default of a
/// million entries, and configuration can size it otherwise.
/// </summary>
public sealed class DirectoryCacheHostingTests
{
    [Fact]
    public async Task The_directory_cache_is_sized_for_a_server_and_configuration_can_change_it()
    {
        await using (var server = await LiveClassServer.StartAsync())
        {
            var directory = server.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;
            Assert.Equal(OrleansHostingExtensions.DirectoryCacheSize, directory.CacheSize);
            Assert.True(directory.CacheSize < GrainDirectoryOptions.DEFAULT_CACHE_SIZE);

            // Sized down, the silo still finds its grains: a class is created, joined and changed.
            var created = await server.CreateClassAsync();
            await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl);
            await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
            Assert.True(await instructor.Hub.StartClass() > 0);
        }

        await using (var server = await LiveClassServer.StartAsync("Cluster:Directory:CacheSize=5000"))
        {
            Assert.Equal(5000, server.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
        }
    }
}
