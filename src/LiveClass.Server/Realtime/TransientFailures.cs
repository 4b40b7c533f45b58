using Orleans.Storage;

namespace LiveClass.Server.Realtime;

/// <summary>
/// The failures that pass on their own: a silo that died and is not yet declared dead, a grain
/// moving to another silo, a call that timed out, storage that refused or lost a write. A call
/// that is safe to repeat can simply be tried again; any other call answers <c>unavailable</c>.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                or InconsistentStateException or Azure.RequestFailedException or StackExchange.Redis.RedisException
                or OperationCanceledException or System.Net.Sockets.SocketException or IOException)
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }

        return false;
    }
}
