using System.Net;
using System.Net.Sockets;

namespace LiveClass.Server.Limits;

/// <summary>
/// The client address limits are counted by: the connection's remote address, as forwarded headers
/// from known proxies set it. An IPv6 client counts by its /64 network, the block one household or
/// host is given, so that stepping through the addresses of its own block gets it nothing more.
/// </summary>
public static class ClientAddress
{
    private const int Ipv6NetworkBytes = 8;

    public static string Of(HttpContext? context) =>
        context?.Connection.RemoteIpAddress is { } address ? Key(address) : "unknown";

    /// <summary>The key an address is counted under: IPv4 as it is, IPv6 as its /64 network.</summary>
    public static string Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[Ipv6NetworkBytes..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>True when the client is this machine and the per-address limits are set to leave it alone (<c>Limits:LimitLoopback=false</c>).</summary>
    public static bool IsExempt(HttpContext? context, AbuseLimitsOptions limits) =>
        !limits.LimitLoopback && context?.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
