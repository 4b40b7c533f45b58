using LiveClass.Domain;
using LiveClass.Grains.Sessions;

namespace LiveClass.Tests.Grains;

public sealed class SegmentBoundariesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(199)]
    public void Boundaries_are_a_segment_apart_and_shifted_by_the_class_s_offset(int offset)
    {
        var boundaries = new SegmentBoundaries(200, offset);

        Assert.Equal(200 - offset, boundaries.NextAfter(0));
        for (long seq = 0; seq < 1000; seq++)
        {
            var next = boundaries.NextAfter(seq);
            Assert.InRange(next - seq, 1, 200);
            Assert.Equal(0, (next + offset) % 200);
        }
    }

    [Fact]
    public void A_class_has_the_same_offset_in_every_process()
    {
        // Not string.GetHashCode, which changes from one process to the next: a class reactivated
        // on another silo keeps its boundaries.
        Assert.Equal(150, SegmentBoundaries.For("kFC1ShIywFLfbm6RVw0veg", 200).Offset);
        Assert.Equal(0, SegmentBoundaries.For("kFC1ShIywFLfbm6RVw0veg", 50).Offset);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(200)]
    public void The_offsets_of_many_classes_spread_over_the_whole_segment(int size)
    {
        const int Classes = 2000;
        var perTenth = new int[10];
        for (var i = 0; i < Classes; i++)
        {
            var offset = SegmentBoundaries.For(Secrets.NewClassId(), size).Offset;
            Assert.InRange(offset, 0, size - 1);
            perTenth[offset * 10 / size]++;
        }

        // About 200 in each tenth; fewer than half of that would mean classes still seal in bursts.
        Assert.All(perTenth, count => Assert.InRange(count, Classes / 20, Classes));
    }

    [Fact]
    public void Without_segments_there_is_no_boundary()
    {
        var none = SegmentBoundaries.For("kFC1ShIywFLfbm6RVw0veg", 0);

        Assert.Equal(0, none.Offset);
        Assert.Equal(long.MaxValue, none.NextAfter(42));
    }
}
