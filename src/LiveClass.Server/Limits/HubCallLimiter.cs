using System.Runtime.CompilerServices;
using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Server.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Limits;

/// <summary>
/// Checks a hub call against the limits before the hub runs it: joins per client address, changes
/// per connection and per participant, connections per family; and an instructor join against the
/// class directory, so a guessed class id or a wrong key never wakes a class. A refusal is a
/// <c>rate_limited:</c> error (the outer filter codes it), and the connection stays open.
/// </summary>
public sealed class HubCallLimiter(
    HubCallRates rates,
    LocalConnections connections,
    IGrainFactory grains,
    IOptions<AbuseLimitsOptions> options,
    Refusals refusals) : IHubFilter
{
    // The limit tags of hub refusals in the logs and metrics, beside the HTTP policies' names.
    private const string JoinLimit = "join";
    private const string ParticipantChangesLimit = "participant-changes";
    private const string ConnectionChangesLimit = "connection-changes";
    private const string FamilyConnectionsLimit = "family-connections";

    private static readonly HashSet<string> Joins = new(StringComparer.Ordinal)
    {
        nameof(ClassHub.JoinAsParent), nameof(ClassHub.JoinAsInstructor), nameof(ClassHub.Rejoin),
    };

    // A join that the outer filter tries again while the cluster recovers is the same join: it is
    // counted against the address once, not once for each attempt.
    private static readonly ConditionalWeakTable<HubInvocationContext, object> CountedJoins = [];

    private static readonly HashSet<string> Changes = new(StringComparer.Ordinal)
    {
        nameof(ClassHub.StartClass), nameof(ClassHub.PauseClass), nameof(ClassHub.ResumeClass), nameof(ClassHub.EndClass),
        nameof(ClassHub.GoToStep), nameof(ClassHub.SendCue), nameof(ClassHub.SetTempo), nameof(ClassHub.RemoveParticipant),
        nameof(ClassHub.DeleteChat), nameof(ClassHub.SendChat), nameof(ClassHub.CheckIn), nameof(ClassHub.Leave),
    };

    // Synchronous unless a join must ask the class directory: every hub call passes here, and an
    // async method would allocate its state machine for each of them.
    public ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethodName;
        if (Joins.Contains(method))
        {
            return JoinAsync(invocationContext, next);
        }

        if (Changes.Contains(method))
        {
            CheckChange(invocationContext.Context.ConnectionId);
        }

        return next(invocationContext);
    }

    private async ValueTask<object?> JoinAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var http = invocationContext.Context.GetHttpContext();
        if (!ClientAddress.IsExempt(http, options.Value) && !CountedJoins.TryGetValue(invocationContext, out _))
        {
            var address = ClientAddress.Of(http);
            Acquire(rates.Joins, address, JoinLimit, address, "too many joins from this address; wait a minute");
            CountedJoins.TryAdd(invocationContext, invocationContext);
        }

        await CheckJoinAsync(invocationContext.HubMethodName, invocationContext.HubMethodArguments, invocationContext.Context.ConnectionId);
        return await next(invocationContext);
    }

    private void CheckChange(string connectionId)
    {
        var binding = connections.Get(connectionId);
        if (binding is { Role: ParticipantRole.Instructor } && !options.Value.LimitInstructor)
        {
            return;
        }

        if (binding is not null)
        {
            Acquire(rates.ParticipantChanges, binding.ParticipantKey, ParticipantChangesLimit, binding.ParticipantKey, "too many changes; slow down");
        }

        Acquire(rates.ConnectionChanges, connectionId, ConnectionChangesLimit, connectionId, "too many changes on this connection; slow down");
    }

    private async Task CheckJoinAsync(string method, IReadOnlyList<object?> arguments, string connectionId)
    {
        if (method == nameof(ClassHub.JoinAsInstructor) && arguments is [string classId, var key] && ClassIds.IsPlausible(classId))
        {
            var instructorId = await grains.GetGrain<IClassDirectoryGrain>(classId).VerifyInstructor(key as string);
            CheckFamilyConnections(classId, instructorId, connectionId);
        }
        else if (method == nameof(ClassHub.Rejoin) && arguments is [string rejoinToken, ..] && RejoinToken.TryParse(rejoinToken, out var token))
        {
            CheckFamilyConnections(token.ClassId, token.ParticipantId, connectionId);
        }
    }

    private void CheckFamilyConnections(string classId, string participantId, string connectionId)
    {
        var current = connections.Get(connectionId);
        if (current is not null && current.ClassId == classId && current.ParticipantId == participantId)
        {
            return;
        }

        var max = options.Value.MaxConnectionsPerFamily;
        if (connections.CountFor(classId, participantId) >= max)
        {
            refusals.Refused(FamilyConnectionsLimit, ParticipantKey.For(classId, participantId));
            throw LiveClassException.RateLimited($"this family already has {max} connections here; close one first");
        }
    }

    private void Acquire(KeyedTokenBuckets buckets, string key, string limit, string who, string detail)
    {
        if (!buckets.TryAcquire(key))
        {
            refusals.Refused(limit, who);
            throw LiveClassException.RateLimited(detail);
        }
    }
}
