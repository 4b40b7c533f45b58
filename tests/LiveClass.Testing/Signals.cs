using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LiveClass.Testing;

/// <summary>Process signals: .NET kills with SIGKILL only; a graceful stop needs SIGTERM.</summary>
public static partial class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(Process process)
    {
        if (kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGTERM, then SIGKILL if the process has not ended within <paramref name="timeout"/>.</summary>
    public static async Task<bool> StopAsync(Process process, TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return true;
        }

        Terminate(process);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
