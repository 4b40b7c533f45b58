using System.Diagnostics;

namespace LiveClass.Testing;

/// <summary>Copies a started process's output and error lines into a log file, for reading after a failed test.</summary>
public static class ProcessLog
{
    public static void Capture(Process process, StreamWriter log)
    {
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process outlived the test that logged it.
            }
        }
    }
}
