namespace LiveClass.Bench.Measuring;

/// <summary>One timing of the core speed probe's work: when (<see cref="Clock.NowMs"/>), and how many milliseconds of CPU it took.</summary>
public readonly record struct CoreSpeedSample(double AtMs, double WorkMs);
