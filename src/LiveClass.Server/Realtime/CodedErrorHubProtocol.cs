using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using LiveClass.Contracts;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveClass.Server.Realtime;

/// <summary>
/// SignalR prefixes every hub error with "An unexpected error occurred invoking 'X' on the server.
/// HubException: ", and the error of a connection it closes (a connection refused on connect) with
/// "Connection closed with an error. HubException: ". The protocol promises clients a message that
/// starts with its stable code, so this wrapper of each hub protocol sends a coded hub error's own
/// message, as it was thrown. A call SignalR could not bind before the hub ran (a method the hub
/// does not have, or arguments whose number or types do not match) is answered as <c>invalid:</c>.
/// </summary>
public sealed class CodedErrorHubProtocol(IHubProtocol inner) : IHubProtocol
{
    private const string HubExceptionMarker = " on the server. HubException: ";
    private const string CloseMarker = "Connection closed with an error. HubException: ";
    private const string BindingFailurePrefix = "Failed to invoke '";
    private const string BindingFailureEnd = "' due to an error on the server.";
    private const string UnknownMethod = "Method does not exist.";
    private const int MaxEchoedMethodLength = 64;

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
            if (BindingFailure(error) is { } refusal)
            {
                return CompletionMessage.WithError(completion.InvocationId!, refusal);
            }

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

    /// <summary>"Failed to invoke 'X' due to an error on the server.", with "HubException: Method does not exist." after it for an unknown method.</summary>
    private static string? BindingFailure(string error)
    {
        if (!error.StartsWith(BindingFailurePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = error.IndexOf(BindingFailureEnd, BindingFailurePrefix.Length, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var method = error[BindingFailurePrefix.Length..end];
        if (method.Length > MaxEchoedMethodLength)
        {
            method = method[..MaxEchoedMethodLength] + "…";
        }

        return error.EndsWith(UnknownMethod, StringComparison.Ordinal)
            ? $"{ErrorCodes.Invalid}: the hub has no method '{method}'"
            : $"{ErrorCodes.Invalid}: '{method}' was sent arguments it does not take; check their number and types";
    }
}
