using LiveClass.Bench.Measuring;

namespace LiveClass.Bench.Tests;

public sealed class ThreadCpuTests
{
    [Theory]
    [InlineData(".NET TP Worker", ThreadCpu.ThreadPool)]
    [InlineData(".NET Tiered Com", ThreadCpu.Compiler)]
    [InlineData(".NET BGC", ThreadCpu.BackgroundGc)]
    [InlineData(".NET Sockets", ThreadCpu.Sockets)]
    [InlineData(".NET Timer", ThreadCpu.Timers)]
    [InlineData("Kestrel Timer", ThreadCpu.Timers)]
    [InlineData("dotnet", ThreadCpu.Other)]
    [InlineData(".NET Finalizer", ThreadCpu.Other)]
    public void A_thread_is_known_by_the_name_dotnet_gives_it(string name, string kind)
    {
        Assert.Equal(kind, ThreadCpu.KindOf(name));
    }

    [Fact]
    public void A_stat_line_gives_the_name_with_its_spaces_and_parentheses_and_the_user_and_system_time()
    {
        const string stat = "4711 (.NET (TP) Worker) S 1 4711 4711 0 -1 4194368 120 0 0 0 250 37 0 0 20 0 24 0 1000 0 0";

        var (name, cpuSeconds) = ProcStats.ParseStat(stat);

        Assert.Equal(".NET (TP) Worker", name);
        Assert.Equal(2.87, cpuSeconds, 6);
    }

    [Fact]
    public void A_thread_that_ends_between_readings_takes_nothing_from_the_threads_that_ran()
    {
        Dictionary<int, ThreadTime> before = new()
        {
            [10] = new(ThreadCpu.ThreadPool, 100),
            [11] = new(ThreadCpu.ThreadPool, 5),
            [12] = new(ThreadCpu.Timers, 1),
        };
        Dictionary<int, ThreadTime> after = new()
        {
            [11] = new(ThreadCpu.ThreadPool, 20),
            [12] = new(ThreadCpu.Timers, 1.5),
            [13] = new(ThreadCpu.ThreadPool, 3),
        };

        var between = ThreadCpu.Between(before, after);

        Assert.Equal(18, between[ThreadCpu.ThreadPool]);
        Assert.Equal(0.5, between[ThreadCpu.Timers]);
    }

    [Fact]
    public void The_time_a_thread_spends_on_the_cpu_shows_under_its_kind()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var pid = Environment.ProcessId;
        using var spun = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var before = ThreadCpu.Read(pid);
        // Named like the runtime's background GC thread, so that its time is told from the test host's own.
        var busy = new Thread(() =>
        {
            // Until the thread itself has had 0.4 s of CPU, however busy the machine is with other tests.
            var spins = 0L;
            while (ProcStats.ParseStat(File.ReadAllText("/proc/thread-self/stat")).CpuSeconds < 0.4)
            {
                for (var i = 0; i < 1_000_000; i++)
                {
                    spins++;
                }
            }

            GC.KeepAlive(spins);
            spun.Set();
            release.Wait();
        })
        { Name = ".NET BGC busy", IsBackground = true };
        busy.Start();
        try
        {
            Assert.True(spun.Wait(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
            var during = ThreadCpu.Between(before, ThreadCpu.Read(pid));

            Assert.True(during.GetValueOrDefault(ThreadCpu.BackgroundGc) >= 0.2, $"background GC kind: {during.GetValueOrDefault(ThreadCpu.BackgroundGc)} s");
        }
        finally
        {
            release.Set();
            busy.Join();
        }
    }
}
