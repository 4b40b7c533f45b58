using System.Net;
using LiveClass.Server.Limits;

namespace LiveClass.Tests.Limits;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void An_IPv6_client_counts_by_its_64_network_and_an_IPv4_one_by_its_address(string address, string key) =>
        Assert.Equal(key, ClientAddress.Key(IPAddress.Parse(address)));
}
