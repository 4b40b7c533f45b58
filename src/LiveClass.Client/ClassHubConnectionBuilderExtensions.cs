using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Client;

/// <summary>Points a SignalR hub connection at a LiveClass server and speaks its wire format.</summary>
public static class ClassHubConnectionBuilderExtensions
{
    /// <summary>Connects to the class hub of the server at <paramref name="baseUrl"/> (e.g. <c>http://127.0.0.1:5000</c>).</summary>
    public static IHubConnectionBuilder WithClassHub(this IHubConnectionBuilder builder, string baseUrl,
        Action<HttpConnectionOptions>? configure = null) =>
        builder.WithUrl(baseUrl.TrimEnd('/') + HubNames.Path, options => configure?.Invoke(options));

    /// <summary>Uses <paramref name="protocol"/> with the contract's names and shapes (camelCase, enums by name).</summary>
    public static IHubConnectionBuilder AddClassProtocol(this IHubConnectionBuilder builder, WireProtocol protocol) =>
        protocol == WireProtocol.MessagePack
            ? builder.AddMessagePackProtocol(options => options.SerializerOptions = WireFormats.MessagePack)
            : builder.AddJsonProtocol(options => WireFormats.ConfigureJson(options.PayloadSerializerOptions));
}
