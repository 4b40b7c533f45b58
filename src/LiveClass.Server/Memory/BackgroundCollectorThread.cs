using System.Globalization;
using System.Runtime.InteropServices;

namespace LiveClass.Server.Memory;

/// <summary>
/// The workstation GC's background collection thread, found by the name the runtime gives it, and
/// its scheduling priority. On Linux each thread has a nice value of its own, which the process may
/// always raise (lower the priority of) for its own threads.
/// </summary>
public static class BackgroundCollectorThread
{
    /// <summary>The name .NET gives the thread, as Linux keeps it.</summary>
    public const string Name = ".NET BGC";

    /// <summary>The lowest priority: the thread gets the core when no other thread on it wants it, and little when one does.</summary>
    public const int LowestPriority = 19;

    private const int ProcessScope = 0; // PRIO_PROCESS: with a thread id, that thread alone

    /// <summary>The ids of this process's background collection threads; none where threads cannot be listed.</summary>
    public static IReadOnlyList<int> Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var found = new List<int>();
        try
        {
            foreach (var thread in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (int.TryParse(Path.GetFileName(thread), NumberStyles.None, CultureInfo.InvariantCulture, out var threadId)
                    && ReadName(thread) == Name)
                {
                    found.Add(threadId);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }

        return found;
    }

    /// <summary>Sets one thread's nice value; false where the system has none or refuses.</summary>
    public static bool TrySetNice(int threadId, int nice)
    {
        try
        {
            return OperatingSystem.IsLinux() && SetPriority(ProcessScope, threadId, nice) == 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>A thread's nice value (the 19th field of its stat line), or null when it cannot be read.</summary>
    public static int? NiceOf(int threadId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/self/task/{threadId}/stat");
            // The name, in parentheses, may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[16], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static string? ReadName(string threadDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(threadDirectory, "comm")).TrimEnd('\n');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The thread ended between the listing and the read.
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
