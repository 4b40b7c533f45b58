using LiveClass.Grains.Sessions;

namespace LiveClass.Tests.Grains;

public sealed class StateWriteIdsTests
{
    [Fact]
    public async Task Every_write_gets_an_id_of_its_own_even_when_classes_write_at_once()
    {
        var perThread = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 10_000).Select(_ => StateWriteIds.Next()).ToArray())));

        var all = perThread.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, all);
    }
}
