using System.Net;

namespace LiveClass.Server.Limits;

/// <summary>The client address limits are counted by: the connection's remote address, as forwarded headers from known proxies set it.</summary>
public static class ClientAddress
{
    public static string Of(HttpContext? context) =>
        context?.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";

    /// <summary>True when the client is this machine and the per-address limits are set to leave it alone (<c>Limits:LimitLoopback=false</c>).</summary>
    public static bool IsExempt(HttpContext? context, AbuseLimitsOptions limits) =>
        !limits.LimitLoopback && context?.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
