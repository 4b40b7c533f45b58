using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveClass.Tests.Infrastructure;

namespace LiveClass.Tests.Http;

public sealed class LimitsApiTests
{
    [Fact]
    public async Task Anyone_gets_the_default_limits_in_camel_case_and_may_cache_them()
    {
        await using var server = await LiveClassServer.StartAsync();

        var response = await server.Http.GetAsync("/api/limits");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public, "the limits are the same for everyone");
        Assert.True(response.Headers.CacheControl?.MaxAge > TimeSpan.Zero, "the limits may be cached");
        // The defaults docs/protocol.md shows, in its order and camel case, and nothing else.
        const string Documented = """
            { "titleMaxLength": 100, "displayNameMaxLength": 40, "chatMaxLength": 500,
              "customCueMaxLength": 140, "repeatMaxCount": 20, "tempoMin": 10, "tempoMax": 60 }
            """;
        Assert.Equal(JsonNode.Parse(Documented)!.ToJsonString(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_limits_are_the_ones_the_server_is_configured_with_and_enforces()
    {
        await using var server = await LiveClassServer.StartAsync(
            "LiveClass:TitleMaxLength=30", "LiveClass:DisplayNameMaxLength=12", "LiveClass:ChatMaxLength=77",
            "LiveClass:CustomCueMaxLength=33", "LiveClass:RepeatMaxCount=9", "LiveClass:TempoMin=15", "LiveClass:TempoMax=45");

        var limits = (await server.Http.GetFromJsonAsync<JsonElement>("/api/limits"))!;

        Assert.Equal(30, limits.GetProperty("titleMaxLength").GetInt32());
        Assert.Equal(12, limits.GetProperty("displayNameMaxLength").GetInt32());
        Assert.Equal(77, limits.GetProperty("chatMaxLength").GetInt32());
        Assert.Equal(33, limits.GetProperty("customCueMaxLength").GetInt32());
        Assert.Equal(9, limits.GetProperty("repeatMaxCount").GetInt32());
        Assert.Equal(15, limits.GetProperty("tempoMin").GetInt32());
        Assert.Equal(45, limits.GetProperty("tempoMax").GetInt32());

        // What the endpoint reports is what a request is held to: the longest title passes, one more does not.
        var longest = await server.Http.PostAsJsonAsync("/api/classes", new { title = new string('t', 30), instructorName = "Maya" });
        var tooLong = await server.Http.PostAsJsonAsync("/api/classes", new { title = new string('t', 31), instructorName = "Maya" });
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }
}
