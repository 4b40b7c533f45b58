using LiveClass.Contracts;
using LiveClass.Tests.Infrastructure;

namespace LiveClass.Tests.Hub;

/// <summary>
/// A class with its instructor and a few healthy families that measure how late each event
/// reaches them (from the event's server timestamp to its arrival) and check their seqs.
/// </summary>
public sealed class MeasuredClass : MeasuredRoom<ClassClient>
{
    private MeasuredClass(CreateClassResponse created, ClassClient instructor, IReadOnlyList<ClassClient> families)
        : base(created, instructor, families, (family, arrived) => family.EventReceived += arrived)
    {
    }

    public static async Task<MeasuredClass> StartAsync(string baseUrl, Func<string, Task<CreateClassResponse>> create, string name, int families = 3)
    {
        var created = await create(name);
        var instructor = await ClassClient.ConnectAsync(baseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await instructor.Hub.StartClass();
        var joined = new List<ClassClient>();
        for (var i = 0; i < families; i++)
        {
            var family = await ClassClient.ConnectAsync(baseUrl);
            await family.JoinAsParentAsync(created.JoinCode, $"{name} family {i + 1}");
            joined.Add(family);
        }

        return new MeasuredClass(created, instructor, joined);
    }

    /// <summary>Waits until every family has applied <paramref name="seq"/>.</summary>
    public Task CaughtUpAsync(long seq, TimeSpan timeout) =>
        Task.WhenAll(Families.Select(family => family.WaitForSeqAsync(seq, timeout)));

    /// <summary>No family saw a gap, and every connection's seqs rose by one at a time (duplicates aside).</summary>
    public void AssertNoGaps()
    {
        foreach (var family in Families)
        {
            Assert.Equal(0, family.Gaps);
            foreach (var seqs in family.WireSeqsByConnection)
            {
                var last = 0L;
                foreach (var seq in seqs)
                {
                    Assert.True(seq <= last || last == 0 || seq == last + 1, $"a connection received seq {seq} after {last}");
                    last = Math.Max(last, seq);
                }
            }
        }
    }
}
