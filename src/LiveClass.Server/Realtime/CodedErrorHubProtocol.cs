using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveClass.Server.Realtime;

/// <summary>
/// SignalR prefixes every hub error with "An unexpected error occurred invoking 'X' on the server.
/// HubException: ", and the error of a connection it closes (a connection refused on connect) with
/// "Connection closed with an error. HubException: ". The protocol promises clients a message that
/// starts with its stable code, so this wrapper of each hub protocol sends a coded hub error's own
/// message, as it was thrown.
/// </summary>
public sealed class CodedErrorHubProtocol(IHubProtocol inner) : IHubProtocol
{
    private const string HubExceptionMarker = " on the server. HubException: ";
    private const string CloseMarker = "Connection closed with an error. HubException: ";

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(Rewrite(message), output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(Rewrite(message));

    private static HubMessage Rewrite(HubMessage message)
    {
        if (message is CompletionMessage { Error: { } error } completion)
        {
            var marker = error.IndexOf(HubExceptionMarker, StringComparison.Ordinal);
            if (marker >= 0)
            {
                return CompletionMessage.WithError(completion.InvocationId!, error[(marker + HubExceptionMarker.Length)..]);
            }
        }

        if (message is CloseMessage { Error: { } closeError } close && closeError.StartsWith(CloseMarker, StringComparison.Ordinal))
        {
            return new CloseMessage(closeError[CloseMarker.Length..], close.AllowReconnect);
        }

        return message;
    }
}
