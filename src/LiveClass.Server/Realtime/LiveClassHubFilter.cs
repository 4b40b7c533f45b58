using System.Runtime.CompilerServices;
using LiveClass.Contracts;
using LiveClass.Domain;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Server.Realtime;

/// <summary>
/// Turns a broken rule into the protocol's coded hub error; the connection stays open. A call that
/// is safe to repeat (<c>Rejoin</c>) is tried again for a few seconds while the cluster recovers
/// from a lost silo; whatever still fails, and any failure that is not a broken rule, answers
/// <c>unavailable</c>, which clients retry quietly.
/// </summary>
public sealed partial class LiveClassHubFilter(ILogger<LiveClassHubFilter> logger) : IHubFilter
{
    /// <summary>Long enough to cover a silo being declared dead and its classes moving (docs/operations.md), short of a client's patience.</summary>
    internal static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(6);

    private static readonly HashSet<string> Idempotent = new(StringComparer.Ordinal) { nameof(ClassHub.Rejoin) };

    // Every hub call passes here and almost every one awaits a grain: its state machine comes from a pool.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethodName;
        var started = TimeProvider.System.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(invocationContext);
            }
            catch (LiveClassException exception)
            {
                throw new HubException($"{exception.Code}: {exception.Detail}");
            }
            catch (HubException)
            {
                throw;
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception))
            {
                var delay = RetryDelay(attempt);
                var aborted = invocationContext.Context.ConnectionAborted;
                if (!Idempotent.Contains(method) || aborted.IsCancellationRequested
                    || TimeProvider.System.GetElapsedTime(started) + delay > RetryBudget)
                {
                    LogUnavailable(logger, exception, method, attempt);
                    throw Unavailable("the class cannot be reached just now (a server or the store is recovering); try again in a moment");
                }

                LogRetrying(logger, method, attempt, exception.GetType().Name);
                try
                {
                    await Task.Delay(delay, aborted);
                }
                catch (OperationCanceledException)
                {
                    throw Unavailable("the connection closed while the class was moving");
                }
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, method);
                throw Unavailable("the server could not answer; try again in a moment");
            }
        }
    }

    /// <summary>100 ms, 200 ms, then every 250 ms: quick once the class is back, without hammering a recovering cluster.</summary>
    internal static TimeSpan RetryDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Min(250, 100 * (1 << Math.Min(attempt - 1, 3))));

    private static HubException Unavailable(string detail) => new($"{ErrorCodes.Unavailable}: {detail}");

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} failed (attempt {Attempt}, {Failure}); trying again")]
    private static partial void LogRetrying(ILogger logger, string method, int attempt, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} answered unavailable after {Attempt} attempt(s)")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly; answered unavailable")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method);
}
