using System.Net;

namespace LiveClass.Tests.Grains;

/// <summary>
/// Silo ids in the form a silo's bridge sends (<see cref="SiloAddress.ToParsableString"/>), for silos
/// that are not in the test cluster: the cluster never declares them dead, so only renewal or
/// unsubscribing drops them.
/// </summary>
public static class TestSilos
{
    public static readonly string A = Id(1);
    public static readonly string B = Id(2);

    private static string Id(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 40000 + n), n).ToParsableString();
}
