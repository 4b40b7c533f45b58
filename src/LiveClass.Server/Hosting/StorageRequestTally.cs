using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LiveClass.Server.Hosting;

/// <summary>
/// Counts a silo's grain-state requests to its storage account by service (table or blob) and HTTP
/// method, every attempt once, a retry included: what the account is asked for, and billed for.
/// </summary>
internal sealed class StorageRequestTally
{
    public const string Table = "table";
    public const string Blob = "blob";

    private readonly ConcurrentDictionary<(string Service, string Method), StrongBox<long>> _counts = new();

    /// <summary>A policy that counts each attempt a client of <paramref name="service"/> sends.</summary>
    public HttpPipelinePolicy PolicyFor(string service) => new Counting(this, service);

    /// <summary>Requests sent so far to <paramref name="service"/> with <paramref name="method"/>.</summary>
    public long Count(string service, string method) =>
        _counts.TryGetValue((service, method), out var count) ? Volatile.Read(ref count.Value) : 0;

    public IEnumerable<Measurement<long>> Observe() =>
        _counts.Select(pair => new Measurement<long>(
            Volatile.Read(ref pair.Value.Value),
            new KeyValuePair<string, object?>("service", pair.Key.Service),
            new KeyValuePair<string, object?>("method", pair.Key.Method)));

    private void Add(string service, RequestMethod method)
    {
        var count = _counts.GetOrAdd((service, method.Method), static _ => new StrongBox<long>());
        Interlocked.Increment(ref count.Value);
    }

    private sealed class Counting(StorageRequestTally tally, string service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => tally.Add(service, message.Request.Method);
    }
}
