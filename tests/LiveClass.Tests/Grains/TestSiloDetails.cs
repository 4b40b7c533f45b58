namespace LiveClass.Tests.Grains;

/// <summary>A silo's own details for a journal made outside a silo, so that its chunks name their silo.</summary>
internal sealed class TestSiloDetails(string silo) : ILocalSiloDetails
{
    public string Name => "test-silo";

    public string ClusterId => "test";

    public string DnsHostName => "localhost";

    public SiloAddress SiloAddress { get; } = SiloAddress.FromParsableString(silo);

    public SiloAddress GatewayAddress => SiloAddress;
}
