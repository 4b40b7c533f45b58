using System.IO.Pipelines;

namespace LiveClass.Server.Realtime.Transport;

/// <summary>A connection's transport whose writer lets one flush wait at a time (<see cref="SerialFlushPipeWriter"/>).</summary>
public sealed class SerialFlushTransport(IDuplexPipe inner) : IDuplexPipe
{
    public PipeReader Input => inner.Input;

    public PipeWriter Output { get; } = new SerialFlushPipeWriter(inner.Output);
}
