using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace LiveClass.Tests.Infrastructure;

/// <summary>Runs a theory once for each hub protocol the server speaks, so a new protocol is covered wherever both are.</summary>
public sealed class EveryWireProtocolAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new(Enum.GetValues<WireProtocol>().Select(protocol => (ITheoryDataRow)new TheoryDataRow<WireProtocol>(protocol)).ToList());

    public override bool SupportsDiscoveryEnumeration() => true;
}
