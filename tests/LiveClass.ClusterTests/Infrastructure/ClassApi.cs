using System.Net.Http.Json;
using System.Text.Json;
using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;

namespace LiveClass.ClusterTests.Infrastructure;

internal static class ClassApi
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private static readonly JsonSerializerOptions Json = CreateJson();

    public static async Task<CreateClassResponse> CreateClassAsync(string baseUrl, string title)
    {
        using var response = await Http.PostAsJsonAsync($"{baseUrl}/api/classes",
            new CreateClassRequest(title, "Ines Instructor", null), Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreateClassResponse>(Json))!;
    }

    public static async Task<ClassSummary?> GetClassAsync(string baseUrl, string joinCode)
    {
        using var response = await Http.GetAsync($"{baseUrl}/api/classes/{joinCode}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ClassSummary>(Json) : null;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        WireFormats.ConfigureJson(options);
        return options;
    }
}
