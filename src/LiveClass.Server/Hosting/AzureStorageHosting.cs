using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using LiveClass.Grains;
using LiveClass.Grains.Storage;
using Orleans.Serialization;

namespace LiveClass.Server.Hosting;

/// <summary>
/// Orleans' own Azure Storage providers: membership in an Azure Table, small grain states in an
/// Azure Table, each class's roster and chat in a blob (docs/operations.md says why). Tables and
/// the container are created at start-up when missing.
/// </summary>
internal static class AzureStorageHosting
{
    private const string Section = SiloOptions.SectionName + ":AzureStorage";

    /// <summary>Fails the start with a message that names the setting, never its value (a connection string carries the account key).</summary>
    public static void Validate(AzureStorageSettings settings)
    {
        if (settings.MaxConcurrentRequests < 1)
        {
            throw new InvalidOperationException($"{Section}:MaxConcurrentRequests must be at least 1.");
        }

        if (settings.UsesConnectionString)
        {
            if (settings.TableServiceUri is not null || settings.BlobServiceUri is not null)
            {
                throw new InvalidOperationException(
                    $"{Section}: set either ConnectionString or TableServiceUri and BlobServiceUri, not both.");
            }

            try
            {
                _ = new TableServiceClient(settings.ConnectionString);
                _ = new BlobServiceClient(settings.ConnectionString);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new InvalidOperationException(
                    $"{Section}:ConnectionString is not a valid Azure Storage connection string ({exception.GetType().Name}). " +
                    "Expected e.g. \"UseDevelopmentStorage=true\" for Azurite, or " +
                    "\"DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net\".");
            }

            return;
        }

        if (settings.TableServiceUri is null || settings.BlobServiceUri is null)
        {
            throw new InvalidOperationException(
                $"{Section}:ConnectionString must be set when clustering or storage is AzureStorage " +
                $"(e.g. \"UseDevelopmentStorage=true\" for Azurite), or else both {Section}:TableServiceUri and " +
                $"{Section}:BlobServiceUri, to sign in with DefaultAzureCredential (a managed identity in Azure).");
        }

        foreach (var (name, uri) in new[] { ("TableServiceUri", settings.TableServiceUri), ("BlobServiceUri", settings.BlobServiceUri) })
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new InvalidOperationException($"{Section}:{name} must be an absolute http(s) URI, e.g. https://account.table.core.windows.net/.");
            }
        }
    }

    public static ISiloBuilder UseAzureTableClustering(this ISiloBuilder orleans, AzureStorageSettings settings)
    {
        var credential = Credential(settings);
        return orleans.UseAzureStorageClustering(options =>
        {
            options.TableName = settings.ClusteringTable;
            options.TableServiceClient = TableService(settings, credential);
        });
    }

    public static ISiloBuilder AddAzureGrainStorage(this ISiloBuilder orleans, AzureStorageSettings settings)
    {
        var credential = Credential(settings);
        // One bound for the silo's tables and blobs alike; membership has clients of its own, so
        // a silo's heartbeats never wait behind its grain state.
        var limit = new StorageRequestLimit(settings.MaxConcurrentRequests);
        var tally = new StorageRequestTally();
        orleans.Services.AddSingleton(limit);
        orleans.Services.AddSingleton(tally);
        orleans.AddAzureTableGrainStorage(StorageNames.Classes, options => options.Configure<Serializer>((table, serializer) =>
        {
            table.TableName = settings.StateTable;
            table.GrainStorageSerializer = StoredStateFormat.Create(serializer);
            // Log segments that nothing refers to any more are removed, not left as empty rows.
            table.DeleteStateOnClear = true;
            table.TableServiceClient = TableService(settings, credential, limit, tally);
        }));
        orleans.AddAzureBlobGrainStorage(StorageNames.Rosters, options => options.Configure<Serializer>((blob, serializer) =>
        {
            blob.ContainerName = settings.StateContainer;
            blob.GrainStorageSerializer = StoredStateFormat.Create(serializer);
            blob.DeleteStateOnClear = true;
            blob.BlobServiceClient = BlobService(settings, credential, limit, tally);
        }));
        return orleans;
    }

    public static ISiloBuilder UseAzureTableReminders(this ISiloBuilder orleans, AzureStorageSettings settings)
    {
        var credential = Credential(settings);
        return orleans.UseAzureTableReminderService(options =>
        {
            options.TableName = settings.RemindersTable;
            options.TableServiceClient = TableService(settings, credential);
        });
    }

    /// <summary>
    /// A request that hangs fails after <see cref="NetworkTimeout"/> instead of the SDK's 100 s, so
    /// a grain waiting on storage gets an answer while its caller is still waiting.
    /// </summary>
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(10);

    private static TableServiceClient TableService(
        AzureStorageSettings settings, TokenCredential? credential, StorageRequestLimit? limit = null, StorageRequestTally? tally = null)
    {
        var options = Configure(new TableClientOptions(), limit, tally?.PolicyFor(StorageRequestTally.Table));
        return credential is null ? new(settings.ConnectionString, options) : new(settings.TableServiceUri, credential, options);
    }

    private static BlobServiceClient BlobService(
        AzureStorageSettings settings, TokenCredential? credential, StorageRequestLimit limit, StorageRequestTally tally)
    {
        var options = Configure(new BlobClientOptions(), limit, tally.PolicyFor(StorageRequestTally.Blob));
        return credential is null ? new(settings.ConnectionString, options) : new(settings.BlobServiceUri, credential, options);
    }

    private static TOptions Configure<TOptions>(TOptions options, StorageRequestLimit? limit, HttpPipelinePolicy? counting = null)
        where TOptions : ClientOptions
    {
        options.Retry.NetworkTimeout = NetworkTimeout;
        if (limit is not null)
        {
            options.AddPolicy(limit, HttpPipelinePosition.PerRetry);
        }

        if (counting is not null)
        {
            options.AddPolicy(counting, HttpPipelinePosition.PerRetry);
        }

        return options;
    }

    private static TokenCredential? Credential(AzureStorageSettings settings) =>
        settings.UsesConnectionString ? null : new DefaultAzureCredential();
}
