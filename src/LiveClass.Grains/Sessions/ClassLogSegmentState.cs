using LiveClass.Contracts;

namespace LiveClass.Grains.Sessions;

[GenerateSerializer]
public sealed class ClassLogSegmentState
{
    [Id(0)] public int Version { get; set; } = 1;
    [Id(1)] public List<ClassEvent> Events { get; set; } = [];
}
