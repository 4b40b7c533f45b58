namespace LiveClass.Bench.Servers;

/// <summary>Whether the running servers a scenario needs answer, before anything is measured against them.</summary>
public static class ClusterReadiness
{
    /// <summary>The three silos of <c>deploy/local-cluster.sh</c>.</summary>
    public static List<string> LocalClusterUrls() => ["http://127.0.0.1:5101", "http://127.0.0.1:5102", "http://127.0.0.1:5103"];

    public static string UnavailableNote(IReadOnlyList<string> missing) =>
        $"not run: no LiveClass server answers /readyz at {string.Join(", ", missing)}; "
        + "start the three-silo cluster (deploy/local-cluster.sh up; STORE=redis for Redis) or pass its URLs with --url; no numbers are reported without it";

    /// <summary>The URLs that do not answer <c>/readyz</c> with success (with the status when there is one).</summary>
    public static async Task<List<string>> UnavailableAsync(IReadOnlyList<string> urls)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var missing = new List<string>();
        foreach (var url in urls)
        {
            try
            {
                using var response = await http.GetAsync($"{url.TrimEnd('/')}/readyz");
                if (!response.IsSuccessStatusCode)
                {
                    missing.Add($"{url} ({(int)response.StatusCode})");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                missing.Add(url);
            }
        }

        return missing;
    }
}
