using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Resolvers;

namespace LiveClass.Contracts.Serialization;

/// <summary>
/// How the contract looks on the wire in both hub protocols: camelCase names, enums as their
/// names, absent optional fields as null. Servers and .NET clients configure SignalR with these.
/// </summary>
public static class WireFormats
{
    public static MessagePackSerializerOptions MessagePack { get; } =
        MessagePackSerializerOptions.Standard
            .WithResolver(CompositeResolver.Create(
                CamelCaseContractResolver.Instance,
                DynamicEnumAsStringResolver.Instance,
                StandardResolver.Instance))
            .WithSecurity(MessagePackSecurity.UntrustedData);

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
    }
}
