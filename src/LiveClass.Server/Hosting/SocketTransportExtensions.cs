using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Hosting;

public static class SocketTransportExtensions
{
    /// <summary>Kestrel's socket transport as <see cref="SocketTransportSettings"/> says.</summary>
    public static WebApplicationBuilder AddLiveClassSocketTransport(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SocketTransportSettings>(SocketTransportSettings.SectionName);
        builder.Services.AddOptions<SocketTransportOptions>().Configure<IOptions<SocketTransportSettings>>((transport, settings) =>
            transport.UnsafePreferInlineScheduling = settings.Value.InlineScheduling);
        return builder;
    }
}
