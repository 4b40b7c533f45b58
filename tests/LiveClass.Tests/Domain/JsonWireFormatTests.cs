using System.Text.Json;
using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class JsonWireFormatTests
{
    private static JsonSerializerOptions Json => WireSamples.Json;

    private static JsonElement ToElement<T>(T value) => JsonDocument.Parse(JsonSerializer.Serialize(value, Json)).RootElement;

    private static IEnumerable<string> Names(JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    [Fact]
    public void An_event_has_every_camel_case_field_with_string_enums_and_nulls()
    {
        var json = ToElement(WireSamples.CheckedIn);

        Assert.Equal(WireSamples.EventKeys.Order(StringComparer.Ordinal), Names(json));
        Assert.Equal("CheckedIn", json.GetProperty("kind").GetString());
        Assert.Equal(WireSamples.At, json.GetProperty("at").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("online").ValueKind);
        Assert.Equal("NeedHelp", json.GetProperty("checkIn").GetProperty("status").GetString());
    }

    [Fact]
    public void A_join_result_nests_camel_case_objects_with_string_enums()
    {
        var json = ToElement(WireSamples.JoinResult);

        Assert.Equal(WireSamples.JoinResultKeys.Order(StringComparer.Ordinal), Names(json));
        Assert.Equal("Parent", json.GetProperty("role").GetString());
        var snapshot = json.GetProperty("snapshot");
        Assert.Equal(WireSamples.SnapshotKeys.Order(StringComparer.Ordinal), Names(snapshot));
        Assert.Equal("Live", snapshot.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("tempo").ValueKind);
        var participant = snapshot.GetProperty("participants")[0];
        Assert.Equal(WireSamples.ParticipantKeys.Order(StringComparer.Ordinal), Names(participant));
        Assert.Equal("Instructor", participant.GetProperty("role").GetString());
        var step = snapshot.GetProperty("routine").GetProperty("steps")[0];
        Assert.Equal(WireSamples.StepKeys.Order(StringComparer.Ordinal), Names(step));
        Assert.Equal(JsonValueKind.String, step.GetProperty("area").ValueKind);
    }

    [Fact]
    public void Messages_read_back_equal()
    {
        foreach (var evt in new[] { WireSamples.ChatPosted, WireSamples.CheckedIn, WireSamples.CueGiven, WireSamples.PresenceChanged, WireSamples.StatusChanged })
        {
            Assert.Equal(evt, JsonSerializer.Deserialize<ClassEvent>(JsonSerializer.Serialize(evt, Json), Json));
        }

        var stepChanged = JsonSerializer.Deserialize<ClassEvent>(JsonSerializer.Serialize(WireSamples.StepChanged, Json), Json);
        Assert.Equivalent(WireSamples.StepChanged, stepChanged, strict: true);

        var joinResult = JsonSerializer.Deserialize<JoinResult>(JsonSerializer.Serialize(WireSamples.JoinResult, Json), Json);
        Assert.Equivalent(WireSamples.JoinResult, joinResult, strict: true);
    }

    [Theory]
    [InlineData("""{"seq":1,"at":2,"kind":4,"actorId":null}""")]
    public void Enum_numbers_are_refused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ClassEvent>(json, Json));
    }
}
