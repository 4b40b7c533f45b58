using System.Globalization;
using LiveClass.Bench.Scenarios;

namespace LiveClass.Bench;

/// <summary>The command line: scenario names, then options; any scenario size can be overridden.</summary>
public sealed class BenchOptions
{
    public List<string> Scenarios { get; } = [];
    public bool Full { get; set; }
    public string Size => Full ? "full" : "quick";
    public string? Tag { get; set; }

    /// <summary>
    /// Pairs of runs (baseline and LiveClass, alternating which goes first) per scenario. The
    /// targets are judged on the medians, since one run's p99 rests on a few dozen slow events.
    /// </summary>
    public int Rounds { get; set; } = 1;

    /// <summary>Running LiveClass servers to use instead of starting one (scenario 5: the cluster's silos).</summary>
    public List<string> Urls { get; } = [];

    public string? BaselineUrl { get; set; }
    public bool NoBaseline { get; set; }
    public bool NoLiveClass { get; set; }
    public List<int> ServerPids { get; } = [];

    public int? Classes { get; set; }
    public int? Parents { get; set; }
    public double? EventsPerSecond { get; set; }
    public double? ChatIntervalSeconds { get; set; }
    public double? CheckInIntervalSeconds { get; set; }
    public double? DurationSeconds { get; set; }
    /// <summary>
    /// Load before the measured window: 5 s for a quick check, 90 s at full size, where both
    /// servers are still compiling their hot paths to optimized code after the joins (each
    /// server's own start-up, not its steady state): a JIT trace of LiveClass's server in s2 shows
    /// it compiling for about 70 s after the joins, the last of it the code of its periodic
    /// timers (Orleans' statistics and health checks, the outboxes' age check).
    /// </summary>
    public double WarmupSeconds => _warmupSeconds ?? (Full ? 90 : 5);

    /// <summary>
    /// s5's warm-up at full size: three silos' runtimes compile on the one core they share with
    /// the load and the store, and a profile (perf, per thread) shows their tiering threads taking
    /// 30 to 40 % of that core until about two minutes after the cluster starts. The baseline gets the same.
    /// </summary>
    public double ClusterWarmupSeconds => _warmupSeconds ?? (Full ? 150 : 5);

    private double? _warmupSeconds;

    /// <summary>Scenario 3: how long the joined connections idle before the last measurement.</summary>
    public double? SettleSeconds { get; set; }
    public int? ProbeRejoins { get; set; }
    public int ConnectConcurrency { get; set; } = 64;
    public int ListenAddresses { get; set; } = 1;
    public bool StatefulReconnect { get; set; }

    public bool Pin { get; set; } = true;
    public string ClientCpus { get; set; } = "0";
    public string ServerCpus { get; set; } = "1";
    public List<string> ServerArgs { get; } = [];
    public bool Meters { get; set; }
    public bool Allocations { get; set; }

    /// <summary>Start both servers with the runtime's defaults instead of the runtime settings LiveClass ships with.</summary>
    public bool RuntimeDefaults { get; set; }

    /// <summary>Environment of the started LiveClass server only (NAME=VALUE).</summary>
    public List<string> ServerEnvironment { get; } = [];

    /// <summary>Runtime settings (NAME=VALUE) for both started servers: a setting tried on equal terms.</summary>
    public List<string> RuntimeEnvironment { get; } = [];

    /// <summary>Scenario 5: the store the running cluster uses (deploy/local-cluster.sh's STORE), azure or redis.</summary>
    public string Store { get; set; } = "azure";

    public string StoreTitle => Store == "redis" ? "Redis" : "Azure Storage (Azurite)";

    /// <summary>The local cluster's store process listens here: Azurite's table service, or Redis.</summary>
    public int StorePort => Store == "redis" ? 6380 : 10002;

    /// <summary><c>table --markdown</c>: the table as Markdown, for the docs.</summary>
    public bool Markdown { get; set; }

    /// <summary><c>chart --out FILE</c>: where the chart goes (docs/benchmarks-p99.svg).</summary>
    public string? ChartOutput { get; set; }

    public string? RepoRoot { get; set; }
    public string? OutDir { get; set; }

    public static string Usage => """
        LiveClass.Bench: load benchmark of LiveClass against a bare SignalR baseline.

        usage: LiveClass.Bench <scenario>... [options]
               LiveClass.Bench chart [--out file.svg] [results-dir-or-json...]
               LiveClass.Bench table [--markdown] [results-dir-or-json...]

        scenarios: s1 (one big class), s2 (many small classes), s3 (idle connections),
                   s4 (rejoin storm), s5 (s2 on a running cluster), s6 (s2 with one
                   stuck connection in every tenth class, against s2 on the same
                   server instead of the baseline), all (s1-s4)

          --full                  the full sizes of the issue (default: small quick sizes)
          --rounds N              N pairs of runs, alternating which server goes first; a
                                  target is met only when every round meets it; the table's
                                  ratios are the medians of the rounds (1)
          --classes N --parents N --events-per-sec E --chat-interval S --checkin-interval S
          --duration S --warmup S --probe-rejoins N
                                  override the scenario's size and load
          --settle S              s3: idle time before the settled measurement (15; 200 is
                                  past the join code grains' two-minute idle age limit)
          --store azure|redis     s5: the store of the running cluster (STORE of
                                  deploy/local-cluster.sh; azure); its process's CPU is reported
          --url URL[,URL...]      use running LiveClass server(s) instead of starting one
                                  (s5 defaults to http://127.0.0.1:5101,5102,5103)
          --server-pid PID        the process(es) behind --url, for CPU and memory
                                  (otherwise found by their listening port)
          --baseline-url URL      use a running baseline server
          --no-baseline | --no-liveclass
          --server-arg KEY=VALUE  extra configuration for the started LiveClass server
                                  (e.g. LiveClass:FanOutBatchSize=64); repeatable
          --listen-addresses N    started servers listen on 127.0.0.1..N (more 4-tuples)
          --connect-concurrency N connections opened at once (64)
          --stateful-reconnect    clients opt in to SignalR stateful reconnect
          --no-pin                do not pin client and server to separate cores
          --client-cpus LIST --server-cpus LIST   (0 and 1)
          --meters                the server probe also aggregates Orleans/ASP.NET meters
          --allocations           the server probe also samples allocations by type
          --server-env NAME=VALUE environment of the started LiveClass server (e.g. DOTNET_GCConserveMemory=7)
          --runtime-env NAME=VALUE  a runtime setting for both started servers, to try it on equal terms
          --runtime-defaults      start both servers with the runtime's defaults, not the
                                  runtime settings LiveClass ships with (Servers/ServerRuntime.cs)
          --tag NAME              suffix of the result file name
          --out-dir DIR           where results go (bench/results)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            if (!options.Apply(arg, Next))
            {
                options.Scenarios.Add(arg.StartsWith('-') ? throw new ArgumentException($"unknown option {arg}") : arg.ToLowerInvariant());
            }
        }

        if (options.Scenarios.Remove("all"))
        {
            options.Scenarios.InsertRange(0, ScenarioCatalog.All);
        }

        return options;
    }

    /// <summary>Applies one option; false when <paramref name="arg"/> is not one of the options.</summary>
    private bool Apply(string arg, Func<string> next)
    {
        int NextInt() => int.Parse(next(), CultureInfo.InvariantCulture);
        double NextDouble() => double.Parse(next(), CultureInfo.InvariantCulture);
        string NextVariable() => next() is var variable && variable.IndexOf('=') > 0 ? variable : throw new ArgumentException($"{arg} needs NAME=VALUE");
        switch (arg)
        {
            case "--full": Full = true; break;
            case "--tag": Tag = next(); break;
            case "--store": Store = next() is var store && store is "azure" or "redis" ? store : throw new ArgumentException("--store takes azure or redis"); break;
            case "--rounds": Rounds = NextInt() is var rounds and >= 1 ? rounds : throw new ArgumentException("--rounds needs 1 or more"); break;
            case "--url": Urls.AddRange(next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
            case "--server-pid": ServerPids.AddRange(next().Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))); break;
            case "--baseline-url": BaselineUrl = next(); break;
            case "--no-baseline": NoBaseline = true; break;
            case "--no-liveclass": NoLiveClass = true; break;
            case "--classes": Classes = NextInt(); break;
            case "--parents": Parents = NextInt(); break;
            case "--events-per-sec": EventsPerSecond = NextDouble(); break;
            case "--chat-interval": ChatIntervalSeconds = NextDouble(); break;
            case "--checkin-interval": CheckInIntervalSeconds = NextDouble(); break;
            case "--duration": DurationSeconds = NextDouble(); break;
            case "--warmup": _warmupSeconds = NextDouble(); break;
            case "--settle": SettleSeconds = NextDouble(); break;
            case "--probe-rejoins": ProbeRejoins = NextInt(); break;
            case "--connect-concurrency": ConnectConcurrency = NextInt(); break;
            case "--listen-addresses": ListenAddresses = Math.Clamp(NextInt(), 1, 250); break;
            case "--stateful-reconnect": StatefulReconnect = true; break;
            case "--no-pin": Pin = false; break;
            case "--client-cpus": ClientCpus = next(); break;
            case "--server-cpus": ServerCpus = next(); break;
            case "--server-arg": ServerArgs.Add(next()); break;
            case "--meters": Meters = true; break;
            case "--allocations": Allocations = true; break;
            case "--runtime-defaults": RuntimeDefaults = true; break;
            case "--server-env": ServerEnvironment.Add(NextVariable()); break;
            case "--runtime-env": RuntimeEnvironment.Add(NextVariable()); break;
            case "--repo": RepoRoot = next(); break;
            case "--out-dir": OutDir = next(); break;
            case "--markdown": Markdown = true; break;
            case "--out": ChartOutput = next(); break;
            case "-h" or "--help": throw new HelpRequested();
            default: return false;
        }

        return true;
    }

    public sealed class HelpRequested : Exception;
}
