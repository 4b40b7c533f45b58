namespace LiveClass.Bench.Measuring;

/// <summary>One thread's kind (<see cref="ThreadCpu.KindOf"/>) and its CPU seconds so far.</summary>
public readonly record struct ThreadTime(string Kind, double CpuSeconds);
