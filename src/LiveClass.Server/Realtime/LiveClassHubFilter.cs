using LiveClass.Domain;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Server.Realtime;

/// <summary>Turns a broken rule into the protocol's coded hub error; the connection stays open.</summary>
public sealed class LiveClassHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (LiveClassException exception)
        {
            throw new HubException($"{exception.Code}: {exception.Detail}");
        }
    }
}
