namespace LiveClass.Bench.Servers;

/// <summary>A started server's console output, in its log file; lines that arrive after the close are dropped.</summary>
public sealed class ServerLog(string path)
{
    private readonly Lock _lock = new();
    private readonly StreamWriter _writer = new(path) { AutoFlush = true };
    private bool _closed;

    public string Path => path;

    public void Write(string? line)
    {
        lock (_lock)
        {
            if (line is not null && !_closed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _writer.Dispose();
        }
    }
}
