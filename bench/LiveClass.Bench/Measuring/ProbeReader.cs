using System.Text.Json;

namespace LiveClass.Bench.Measuring;

/// <summary>One sample of the runtime probe the bench loads into the servers it starts.</summary>
public sealed record ProbeSample(
    long T,
    bool ForcedGc,
    long Gen0,
    long Gen1,
    long Gen2,
    long AllocatedBytes,
    double PauseMs,
    double MaxPauseMs,
    long PausesOver10ms,
    long HeapBytes,
    long CommittedBytes,
    long TotalMemoryBytes,
    bool ServerGc,
    int ProcessorCount,
    int ThreadPoolThreads,
    long ThreadPoolPending,
    long LockContentions,
    JsonElement? Meters);

/// <summary>Reads the probe's JSON lines, and asks it for a full GC when a measurement needs live memory only.</summary>
public sealed class ProbeReader(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = path;

    public ProbeSample? Latest()
    {
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = stream.Length;
            if (length == 0)
            {
                return null;
            }

            // The last complete line is within the last 64 KiB (the meters make lines long).
            var window = (int)Math.Min(length, 64 * 1024);
            stream.Seek(-window, SeekOrigin.End);
            var buffer = new byte[window];
            stream.ReadExactly(buffer);
            var text = System.Text.Encoding.UTF8.GetString(buffer);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = lines.Length - 1; i >= 0; i--)
            {
                if (lines[i].StartsWith('{') && lines[i].EndsWith('}'))
                {
                    return JsonSerializer.Deserialize<ProbeSample>(lines[i], Json);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
        }

        return null;
    }

    /// <summary>
    /// Asks the server for a blocking, compacting full GC and waits for the sample taken right after it;
    /// an aggressive one also gives every free page back to the operating system.
    /// </summary>
    public async Task<ProbeSample?> ForceGcAsync(TimeSpan timeout, bool aggressive = false)
    {
        var request = Path + ".gc";
        await File.WriteAllTextAsync(request, aggressive ? "aggressive" : "gc");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            if (!File.Exists(request) && Latest() is { ForcedGc: true } sample)
            {
                return sample;
            }
        }

        return null;
    }
}
