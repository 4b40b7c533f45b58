using LiveClass.Bench.Measuring;

namespace LiveClass.Bench.Tests;

public sealed class CoreSpeedProbeTests
{
    [Theory]
    [InlineData("1", 0b10UL)]
    [InlineData("0,2-3", 0b1101UL)]
    [InlineData(" 5 ", 0b100000UL)]
    public void A_taskset_cpu_list_becomes_its_mask(string cpus, ulong mask)
    {
        Assert.Equal(mask, CoreSpeedProbe.CpuMask(cpus));
    }

    [Theory]
    [InlineData("")]
    [InlineData("one")]
    [InlineData("3-1")]
    [InlineData("64")]
    [InlineData("-1")]
    public void A_list_that_names_no_core_below_64_gives_no_mask(string cpus)
    {
        Assert.Null(CoreSpeedProbe.CpuMask(cpus));
    }

    [Fact]
    public void A_window_is_told_against_the_fastest_sample()
    {
        CoreSpeedSample[] samples = [new(1, 3.3), new(2, 3.4), new(3, 5.0), new(4, 6.0), new(5, 3.5)];

        var core = CoreSpeedProbe.Summarize(samples, fastestMs: 3.3);

        Assert.NotNull(core);
        Assert.Equal(5, core.Samples);
        Assert.Equal(1.06, core.MedianSlowness);
        Assert.Equal(1.82, core.MaxSlowness);
    }

    [Fact]
    public void A_stretch_of_slow_seconds_counts_and_one_slow_sample_does_not()
    {
        var times = Enumerable.Repeat(3.3, 10).Append(8.0)
            .Concat(Enumerable.Repeat(3.3, 10))
            .Concat(Enumerable.Repeat(4.2, 6))
            .Concat(Enumerable.Repeat(3.3, 5));
        var samples = times.Select((ms, i) => new CoreSpeedSample(i * 1000, ms)).ToList();

        var core = CoreSpeedProbe.Summarize(samples, fastestMs: 3.3);

        Assert.NotNull(core);
        Assert.Equal(6, core.SlowSeconds);
        Assert.Equal(2.42, core.MaxSlowness);
    }

    [Fact]
    public void A_window_without_samples_has_no_speed()
    {
        Assert.Null(CoreSpeedProbe.Summarize([], fastestMs: 3.3));
    }

    [Fact]
    public async Task The_probe_runs_pinned_to_the_core_it_measures_and_times_its_work()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // The last core this process may use, so the test also runs under taskset.
        var allowed = 63 - System.Numerics.BitOperations.LeadingZeroCount(AllowedCpus());

        var from = Clock.NowMs();
        using var probe = CoreSpeedProbe.Start(allowed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(probe);
        await Task.Delay(CoreSpeedProbe.Period * 1.5, TestContext.Current.CancellationToken);

        var status = await System.IO.File.ReadAllLinesAsync($"/proc/self/task/{probe.ThreadId}/status", TestContext.Current.CancellationToken);
        Assert.Contains($"Cpus_allowed_list:\t{allowed}", status);
        var core = probe.Summarize(from, Clock.NowMs());
        Assert.NotNull(core);
        Assert.True(core.Samples >= 5, $"{core.Samples} samples");
        Assert.True(probe.FastestMs > 0.1, $"fastest {probe.FastestMs} ms");
        Assert.True(core.MedianSlowness >= 1, $"median {core.MedianSlowness}");
    }

    /// <summary>This process's cores, from the list Linux keeps in the same form as taskset's.</summary>
    private static ulong AllowedCpus()
    {
        var line = System.IO.File.ReadAllLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        return CoreSpeedProbe.CpuMask(line.Split(':')[1]) ?? throw new InvalidOperationException($"no cores in '{line}'");
    }
}
