namespace LiveClass.Bench.Reporting;

/// <summary>
/// How fast the servers' core ran over a run's window, from the core speed probe: the fastest its
/// fixed work has run in this invocation, how many samples the window holds, the median and the
/// slowest sample as multiples of that fastest (1 is the core's usual speed), and the seconds of
/// the window in which the core ran slow (<see cref="Measuring.CoreSpeedProbe.SlowFactor"/>).
/// </summary>
public sealed record CoreSpeed(double FastestMs, int Samples, double MedianSlowness, double MaxSlowness, double SlowSeconds);
