using LiveClass.Server;

namespace LiveClass.Tests.Hosting;

/// <summary>A store that cannot work is refused at start-up with a message that says what to set, and never shows a secret.</summary>
public sealed class ClusterSettingsValidationTests
{
    private const string SecretKey = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWJlLWxvZ2dlZA==";

    [Theory]
    [InlineData("Cluster:Storage=AzureStorage")]
    [InlineData("Cluster:Clustering=AzureStorage")]
    public void Azure_Storage_without_a_connection_string_or_service_uris_is_refused(string setting)
    {
        var error = Refused(setting);

        Assert.Contains("Cluster:AzureStorage:ConnectionString must be set", error.Message);
        Assert.Contains("UseDevelopmentStorage=true", error.Message);
        Assert.Contains("DefaultAzureCredential", error.Message);
    }

    [Theory]
    [InlineData("not a connection string")]
    [InlineData("AccountKey=" + SecretKey + ";EndpointSuffix=core.windows.net")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=liveclass;AccountKey=" + SecretKey + ";TableEndpoint=::nonsense::")]
    public void A_malformed_connection_string_is_refused_without_echoing_it(string connectionString)
    {
        var error = Refused("Cluster:Storage=AzureStorage", $"Cluster:AzureStorage:ConnectionString={connectionString}");

        Assert.StartsWith("Cluster:AzureStorage:ConnectionString is not a valid Azure Storage connection string", error.Message);
        Assert.DoesNotContain(SecretKey, error.Message);
        Assert.DoesNotContain(connectionString, error.Message);
    }

    [Fact]
    public void A_connection_string_and_service_uris_together_are_refused()
    {
        var error = Refused("Cluster:Storage=AzureStorage", "Cluster:AzureStorage:ConnectionString=UseDevelopmentStorage=true",
            "Cluster:AzureStorage:TableServiceUri=https://liveclass.table.core.windows.net/");

        Assert.Contains("not both", error.Message);
    }

    [Fact]
    public void Service_uris_need_both_services_and_absolute_https_addresses()
    {
        var onlyTable = Refused("Cluster:Storage=AzureStorage", "Cluster:AzureStorage:TableServiceUri=https://liveclass.table.core.windows.net/");
        Assert.Contains("BlobServiceUri", onlyTable.Message);

        var ftp = Refused(
            "Cluster:Storage=AzureStorage",
            "Cluster:AzureStorage:TableServiceUri=ftp://liveclass.table.core.windows.net/",
            "Cluster:AzureStorage:BlobServiceUri=https://liveclass.blob.core.windows.net/");
        Assert.Contains("TableServiceUri must be an absolute http(s) URI", ftp.Message);
    }

    [Fact]
    public async Task Well_formed_azure_settings_build_a_server_for_each_way_of_signing_in()
    {
        // Building signs in to nothing yet; these only have to pass validation and compose.
        await using var byKey = Build("Cluster:Clustering=AzureStorage", "Cluster:Storage=AzureStorage",
            "Cluster:AzureStorage:ConnectionString=UseDevelopmentStorage=true");
        await using var byIdentity = Build("Cluster:Clustering=AzureStorage", "Cluster:Storage=AzureStorage",
            "Cluster:AzureStorage:TableServiceUri=https://liveclass.table.core.windows.net/",
            "Cluster:AzureStorage:BlobServiceUri=https://liveclass.blob.core.windows.net/");
        Assert.NotNull(byKey.Services);
        Assert.NotNull(byIdentity.Services);
    }

    [Fact]
    public void A_bound_on_storage_requests_below_one_is_refused()
    {
        var error = Refused("Cluster:Storage=AzureStorage", "Cluster:AzureStorage:ConnectionString=UseDevelopmentStorage=true",
            "Cluster:AzureStorage:MaxConcurrentRequests=0");

        Assert.Contains("Cluster:AzureStorage:MaxConcurrentRequests must be at least 1", error.Message);
    }

    [Fact]
    public void Redis_without_a_server_is_refused()
    {
        var error = Refused("Cluster:Storage=Redis");
        Assert.Contains("Cluster:Redis must name the Redis server", error.Message);
    }

    /// <summary>Building the server with <paramref name="settings"/> fails validation; the message is what an operator reads.</summary>
    private static InvalidOperationException Refused(params string[] settings) =>
        Assert.Throws<InvalidOperationException>(() => Build(settings));

    private static Microsoft.AspNetCore.Builder.WebApplication Build(params string[] settings) => LiveClassApp.Build(
    [
        "--urls=http://127.0.0.1:0",
        "--environment=Testing",
        "--Cluster:SiloPort=0",
        "--Cluster:GatewayPort=0",
        .. settings.Select(s => "--" + s),
    ]);
}
