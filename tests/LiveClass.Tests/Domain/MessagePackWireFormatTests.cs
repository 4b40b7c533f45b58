using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;
using MessagePack;
using MessagePack.Resolvers;

namespace LiveClass.Tests.Domain;

public sealed class MessagePackWireFormatTests
{
    private static JsonSerializerOptions Json => WireSamples.Json;

    public static TheoryData<string> EventNames => new(Events.Keys);

    private static readonly Dictionary<string, ClassEvent> Events = new()
    {
        ["ChatPosted"] = WireSamples.ChatPosted,
        ["StepChanged"] = WireSamples.StepChanged,
        ["CheckedIn"] = WireSamples.CheckedIn,
        ["CueGiven"] = WireSamples.CueGiven,
        ["PresenceChanged"] = WireSamples.PresenceChanged,
        ["StatusChanged"] = WireSamples.StatusChanged,
    };

    private static ReadOnlySequence<byte> Serialize<T>(T value) =>
        new(MessagePackSerializer.Serialize(value, WireFormats.MessagePack));

    /// <summary>Reads one MessagePack map: each key (which must be unique) with its raw value.</summary>
    private static Dictionary<string, ReadOnlySequence<byte>> ReadMap(ReadOnlySequence<byte> bytes)
    {
        var reader = new MessagePackReader(bytes);
        Assert.Equal(MessagePackType.Map, reader.NextMessagePackType);
        var count = reader.ReadMapHeader();
        var map = new Dictionary<string, ReadOnlySequence<byte>>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(MessagePackType.String, reader.NextMessagePackType);
            var key = reader.ReadString()!;
            var start = reader.Position;
            reader.Skip();
            map.Add(key, bytes.Slice(start, reader.Position));
        }

        Assert.True(reader.End);
        return map;
    }

    private static MessagePackType TypeOf(ReadOnlySequence<byte> value) => new MessagePackReader(value).NextMessagePackType;

    private static string? StringOf(ReadOnlySequence<byte> value) => new MessagePackReader(value).ReadString();

    private static ReadOnlySequence<byte> FirstOfArray(ReadOnlySequence<byte> value)
    {
        var reader = new MessagePackReader(value);
        Assert.True(reader.ReadArrayHeader() > 0);
        var start = reader.Position;
        reader.Skip();
        return value.Slice(start, reader.Position);
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void An_event_is_a_map_with_every_camel_case_field(string name)
    {
        var map = ReadMap(Serialize(Events[name]));

        Assert.Equal(WireSamples.EventKeys.Order(StringComparer.Ordinal), map.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Enums_are_strings_times_are_integers_and_absent_fields_are_nil()
    {
        var map = ReadMap(Serialize(WireSamples.CheckedIn));

        Assert.Equal("CheckedIn", StringOf(map["kind"]));
        Assert.Equal(MessagePackType.Integer, TypeOf(map["seq"]));
        Assert.Equal(MessagePackType.Integer, TypeOf(map["at"]));
        Assert.Equal(WireSamples.At, new MessagePackReader(map["at"]).ReadInt64());
        Assert.Equal("parent-1", StringOf(map["participantId"]));
        foreach (var absent in new[] { "participant", "online", "status", "stepIndex", "step", "cue", "tempo", "message", "messageId" })
        {
            Assert.Equal(MessagePackType.Nil, TypeOf(map[absent]));
        }

        var checkIn = ReadMap(map["checkIn"]);
        Assert.Equal(["at", "status", "stepIndex"], checkIn.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("NeedHelp", StringOf(checkIn["status"]));
    }

    [Fact]
    public void A_step_carries_its_area_as_a_string_and_its_cues_as_an_array()
    {
        var step = ReadMap(ReadMap(Serialize(WireSamples.StepChanged))["step"]);

        Assert.Equal(WireSamples.StepKeys.Order(StringComparer.Ordinal), step.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(WireSamples.StepChanged.Step!.Area.ToString(), StringOf(step["area"]));
        Assert.Equal(MessagePackType.Array, TypeOf(step["cues"]));
    }

    [Fact]
    public void A_join_result_nests_camel_case_maps_with_string_enums()
    {
        var result = ReadMap(Serialize(WireSamples.JoinResult));
        Assert.Equal(WireSamples.JoinResultKeys.Order(StringComparer.Ordinal), result.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Parent", StringOf(result["role"]));

        var snapshot = ReadMap(result["snapshot"]);
        Assert.Equal(WireSamples.SnapshotKeys.Order(StringComparer.Ordinal), snapshot.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Live", StringOf(snapshot["status"]));
        Assert.Equal(MessagePackType.Nil, TypeOf(snapshot["tempo"]));
        Assert.Equal("Custom", StringOf(ReadMap(snapshot["cue"])["kind"]));
        Assert.Equal(MessagePackType.Nil, TypeOf(ReadMap(snapshot["cue"])["count"]));

        var instructor = ReadMap(FirstOfArray(snapshot["participants"]));
        Assert.Equal(WireSamples.ParticipantKeys.Order(StringComparer.Ordinal), instructor.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Instructor", StringOf(instructor["role"]));
        Assert.Equal(MessagePackType.Nil, TypeOf(instructor["checkIn"]));
        Assert.Equal(MessagePackType.Boolean, TypeOf(instructor["online"]));

        var routine = ReadMap(snapshot["routine"]);
        Assert.Equal(["id", "name", "steps"], routine.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void An_event_reads_back_equal(string name)
    {
        var evt = Events[name];
        var bytes = MessagePackSerializer.Serialize(evt, WireFormats.MessagePack);

        var back = MessagePackSerializer.Deserialize<ClassEvent>(bytes, WireFormats.MessagePack);

        Assert.Equivalent(evt, back, strict: true);
        Assert.Equal(bytes, MessagePackSerializer.Serialize(back, WireFormats.MessagePack));
        if (evt.Step is null)
        {
            Assert.Equal(evt, back);
        }
    }

    [Fact]
    public void A_join_result_reads_back_equal()
    {
        var bytes = MessagePackSerializer.Serialize(WireSamples.JoinResult, WireFormats.MessagePack);

        var back = MessagePackSerializer.Deserialize<JoinResult>(bytes, WireFormats.MessagePack);

        Assert.Equivalent(WireSamples.JoinResult, back, strict: true);
        Assert.Equal(bytes, MessagePackSerializer.Serialize(back, WireFormats.MessagePack));
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Both_protocols_give_the_same_document(string name)
    {
        var fromMessagePack = JsonNode.Parse(MessagePackSerializer.ConvertToJson(
            MessagePackSerializer.Serialize(Events[name], WireFormats.MessagePack), WireFormats.MessagePack));
        var fromJson = JsonNode.Parse(JsonSerializer.Serialize(Events[name], Json));

        Assert.True(JsonNode.DeepEquals(fromMessagePack, fromJson), $"{fromMessagePack?.ToJsonString()}\n{fromJson?.ToJsonString()}");
    }

    [Fact]
    public void Each_resolver_writes_the_members_with_its_own_formatters()
    {
        // The record formatters are shared by every resolver chain that includes the contract
        // resolver; one that writes enums as numbers must still get numbers after the wire format wrote strings.
        var enumsAsNumbers = MessagePackSerializerOptions.Standard.WithResolver(CompositeResolver.Create(
            CamelCaseContractResolver.Instance, StandardResolver.Instance));

        for (var round = 0; round < 2; round++)
        {
            var asStrings = ReadMap(Serialize(WireSamples.CheckedIn));
            var asNumbers = ReadMap(new ReadOnlySequence<byte>(MessagePackSerializer.Serialize(WireSamples.CheckedIn, enumsAsNumbers)));

            Assert.Equal("CheckedIn", StringOf(asStrings["kind"]));
            Assert.Equal(MessagePackType.Integer, TypeOf(asNumbers["kind"]));
            Assert.Equal((int)ClassEventKind.CheckedIn, new MessagePackReader(asNumbers["kind"]).ReadInt32());
        }
    }

    [Fact]
    public void Unknown_keys_are_skipped_when_reading()
    {
        var map = new Dictionary<string, object?>
        {
            ["seq"] = 5L,
            ["at"] = WireSamples.At,
            ["kind"] = "ChatDeleted",
            ["actorId"] = "instructor",
            ["messageId"] = "msg-1",
            ["somethingNew"] = new[] { 1, 2, 3 },
        };
        var bytes = MessagePackSerializer.Serialize(map, WireFormats.MessagePack);

        var evt = MessagePackSerializer.Deserialize<ClassEvent>(bytes, WireFormats.MessagePack);

        Assert.Equal(new ClassEvent(5, WireSamples.At, ClassEventKind.ChatDeleted, "instructor", MessageId: "msg-1"), evt);
    }
}
