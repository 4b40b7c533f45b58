using System.Text.Json;
using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Hub;

/// <summary>What third-party clients see: camelCase names, enums as strings, absent fields as null, in both protocols.</summary>
public sealed class WireShapeTests
{
    [Fact]
    public async Task Json_events_have_camel_case_names_and_string_enums()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.Json);
        var raw = new TaskCompletionSource<JsonElement>();
        await using var listener = new HubConnectionBuilder().WithUrl(klass.Server.BaseUrl + HubNames.Path).Build();
        listener.On<JsonElement>(HubNames.ClassEventMethod, e => raw.TrySetResult(e));
        await listener.StartAsync();
        await listener.InvokeAsync<JsonElement>(nameof(IClassHub.Rejoin), klass.Parent.Token, 0L);

        await klass.Instructor.Hub.SendCue("Repeat", 3, null);
        var evt = await raw.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("CueGiven", evt.GetProperty("kind").GetString());
        Assert.Equal("Repeat", evt.GetProperty("cue").GetProperty("kind").GetString());
        Assert.Equal(3, evt.GetProperty("cue").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, evt.GetProperty("cue").GetProperty("text").ValueKind);
        Assert.Equal(JsonValueKind.Number, evt.GetProperty("at").ValueKind);
        Assert.Equal(JsonValueKind.Null, evt.GetProperty("message").ValueKind);
        Assert.All(evt.EnumerateObject(), p => Assert.True(char.IsLower(p.Name[0]), p.Name));
    }

    [Fact]
    public async Task MessagePack_events_have_camel_case_keys_and_string_enums()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack);
        var raw = new TaskCompletionSource<Dictionary<object, object?>>();
        await using var listener = new HubConnectionBuilder()
            .WithUrl(klass.Server.BaseUrl + HubNames.Path)
            .AddMessagePackProtocol(o => o.SerializerOptions = MessagePack.MessagePackSerializerOptions.Standard)
            .Build();
        listener.On<Dictionary<object, object?>>(HubNames.ClassEventMethod, e => raw.TrySetResult(e));
        await listener.StartAsync();
        await listener.InvokeAsync<object>(nameof(IClassHub.Rejoin), klass.Parent.Token, 0L);

        await klass.Instructor.Hub.SetTempo(24);
        var evt = await raw.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("TempoChanged", evt["kind"]);
        var tempo = Assert.IsType<Dictionary<object, object?>>(evt["tempo"]);
        Assert.Equal(24, Convert.ToInt32(tempo["strokesPerMinute"]));
        Assert.True(evt.ContainsKey("cue") && evt["cue"] is null);
        Assert.All(evt.Keys, k => Assert.True(char.IsLower(((string)k)[0]), (string)k));
    }
}
