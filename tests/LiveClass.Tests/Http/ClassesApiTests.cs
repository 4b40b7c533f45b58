using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Server.Classes;
using LiveClass.Tests.Infrastructure;

namespace LiveClass.Tests.Http;

public sealed class ClassesApiTests : ServerPerTest
{
    [Fact]
    public async Task Creating_a_class_returns_its_id_code_key_and_links()
    {
        var response = await Server.Http.PostAsJsonAsync("/api/classes", new { title = "Week 1", instructorName = "Maya", routineId = "week-1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // It carries the instructor's key: no cache may keep it.
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var created = (await response.Content.ReadFromJsonAsync<CreateClassResponse>())!;
        Assert.True(created.ClassId.Length >= 16, "at least 96 random bits");
        Assert.Matches("^[A-Za-z0-9_-]+$", created.ClassId);
        Assert.Matches($"^[{JoinCode.Alphabet}]{{3}}-[{JoinCode.Alphabet}]{{3}}$", created.JoinCode);
        Assert.True(created.InstructorKey.Length >= 22, "at least 128 random bits");
        Assert.Matches("^[A-Za-z0-9_-]+$", created.InstructorKey);
        Assert.Equal($"{Server.BaseUrl}/join/{created.JoinCode}", created.ParentUrl);
        Assert.Equal($"{Server.BaseUrl}/teach/{created.ClassId}#key={created.InstructorKey}", created.InstructorUrl);

        var snapshot = await Server.SnapshotAsync(created.ClassId);
        Assert.Equal("week-1", snapshot.Routine.Id);
        Assert.Equal(ClassStatus.Lobby, snapshot.Status);
        Assert.Equal(0, snapshot.StepIndex);
        Assert.Null(snapshot.Cue);
        Assert.Null(snapshot.Tempo);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_refused_as_invalid_with_a_problem()
    {
        var server = new Uri(Server.BaseUrl);
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(server.Host, server.Port);
        var stream = socket.GetStream();
        var head = "POST /api/classes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head + "{\"title\":\"Week 1\""));

        // Kestrel gives up on a body that stops after its grace period (5 s) and answers 408.
        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        // The body may come in chunks: the problem is the JSON object in it.
        var problem = JsonDocument.Parse(answer[answer.IndexOf('{')..(answer.LastIndexOf('}') + 1)]).RootElement;
        Assert.Equal(ErrorCodes.Invalid, problem.GetProperty("type").GetString());
        Assert.Contains("in time", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_class_without_a_routine_gets_the_full_body_routine()
    {
        var created = await Server.CreateClassAsync();
        Assert.Equal("full-body", (await Server.SnapshotAsync(created.ClassId)).Routine.Id);
    }

    [Theory]
    [InlineData("""{"title":"","instructorName":"Maya"}""")]
    [InlineData("""{"title":"Week 1","instructorName":""}""")]
    [InlineData("""{"instructorName":"Maya"}""")]
    [InlineData("""{"title":"Week 1","instructorName":"Maya","routineId":"week-9"}""")]
    [InlineData("""{"title":"Week 1","instructorName":"A name that is far too long for any instructor"}""")]
    [InlineData("""{"title":"Week 1""")]
    [InlineData("""{"title":5,"instructorName":"Maya"}""")]
    [InlineData("""{"title":"Week 1","instructorName":["Maya"]}""")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Bad_requests_are_invalid_problems_that_say_what_is_wrong(string body)
    {
        var response = await Server.Http.PostAsync("/api/classes", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertProblemAsync(response, "invalid");
    }

    [Theory]
    [InlineData("""{"title":5,"instructorName":"Maya"}""", "$.title")]
    [InlineData("""{"title":"Week 1","instructorName":["Maya"]}""", "$.instructorName")]
    public async Task A_value_of_the_wrong_type_is_named_in_the_problem(string body, string path)
    {
        var response = await Server.Http.PostAsync("/api/classes", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains(path, await AssertProblemAsync(response, "invalid"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_an_invalid_problem_with_its_own_status()
    {
        var response = await Server.Http.PostAsync("/api/classes", new StringContent("""{"title":"Week 1","instructorName":"Maya"}""", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await AssertProblemAsync(response, "invalid"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_as_an_invalid_problem()
    {
        var title = new string('t', (int)ClassesApi.MaxCreateBodyBytes);
        var response = await Server.Http.PostAsJsonAsync("/api/classes", new { title, instructorName = "Maya" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, "invalid");
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/classes/")]
    [InlineData("/api/classes/ABC-DEF/nothing")]
    [InlineData("/API/Nothing")]
    [InlineData("/hubs/nothing-here")]
    public async Task An_api_path_that_names_nothing_is_a_not_found_problem(string path)
    {
        var response = await Server.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertProblemAsync(response, "not_found");
    }

    [Theory]
    [InlineData("/join/KQ7-M4P")]
    [InlineData("/teach/some-class/recap")]
    [InlineData("/practice")]
    [InlineData("/apiary")]
    public async Task The_web_apps_own_paths_get_its_page(string path)
    {
        var response = await Server.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html")]
    public async Task Errors_are_problems_whatever_the_client_accepts(string accept)
    {
        async Task Expect(HttpMethod method, string path, string? json, HttpStatusCode status, string type)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Accept.ParseAdd(accept);
            if (json is not null)
            {
                request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            }

            var response = await Server.Http.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            await AssertProblemAsync(response, type);
        }

        await Expect(HttpMethod.Get, "/api/classes/ZZZ-ZZZ", null, HttpStatusCode.NotFound, "not_found");
        await Expect(HttpMethod.Post, "/api/classes", """{"title":5}""", HttpStatusCode.BadRequest, "invalid");
        await Expect(HttpMethod.Get, "/api/nothing-here", null, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_method_a_path_does_not_take_is_a_problem_that_says_so()
    {
        var response = await Server.Http.DeleteAsync("/api/classes/ABC-DEF");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await AssertProblemAsync(response, "not_found");
    }

    [Fact]
    public async Task A_title_of_exactly_one_hundred_characters_is_accepted_and_one_more_is_not()
    {
        var ok = await Server.Http.PostAsJsonAsync("/api/classes", new { title = new string('t', 100), instructorName = "Maya" });
        var tooLong = await Server.Http.PostAsJsonAsync("/api/classes", new { title = new string('t', 101), instructorName = "Maya" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task A_class_is_found_by_its_code_in_any_case_with_or_without_the_hyphen()
    {
        var created = await Server.CreateClassAsync("Thursday", "Ana");
        await using var parent = await ClassClient.ConnectAsync(Server.BaseUrl);
        await parent.JoinAsParentAsync(created.JoinCode, "The Lees");

        foreach (var code in new[] { created.JoinCode, created.JoinCode.ToLowerInvariant(), created.JoinCode.Replace("-", "") })
        {
            var summary = await Server.Http.GetFromJsonAsync<JsonElement>($"/api/classes/{code}");
            Assert.Equal(created.ClassId, summary.GetProperty("classId").GetString());
            Assert.Equal("Thursday", summary.GetProperty("title").GetString());
            Assert.Equal("Ana", summary.GetProperty("instructorName").GetString());
            Assert.Equal("Lobby", summary.GetProperty("status").GetString());
            Assert.Equal(1, summary.GetProperty("participantCount").GetInt32());
        }
    }

    [Theory]
    [InlineData("ZZZ-ZZZ")]
    [InlineData("OOO-III")]
    [InlineData("ABC")]
    [InlineData("ABCDEFGH")]
    public async Task Malformed_or_unknown_codes_are_not_found_problems(string code)
    {
        var response = await Server.Http.GetAsync($"/api/classes/{code}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not_found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Routines_list_every_routine_with_its_steps_in_wire_shape()
    {
        var routines = await Server.Http.GetFromJsonAsync<JsonElement>("/api/routines");
        var ids = routines.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(["full-body", "week-1", "week-2", "week-3", "week-4", "week-5"], ids);
        var step = routines[0].GetProperty("steps")[0];
        foreach (var name in new[] { "index", "area", "name", "instructions", "repetitions", "dollPose", "cues" })
        {
            Assert.True(step.TryGetProperty(name, out _), name);
        }

        Assert.Equal(JsonValueKind.String, step.GetProperty("area").ValueKind);
    }

    [Fact]
    public async Task Health_and_readiness_answer_once_the_silo_is_up()
    {
        Assert.Equal(HttpStatusCode.OK, (await Server.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.Http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task The_hub_offers_stateful_reconnect()
    {
        var response = await Server.Http.PostAsync("/hubs/class/negotiate?negotiateVersion=1&useStatefulReconnect=true", null);
        var negotiation = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(negotiation.GetProperty("useStatefulReconnect").GetBoolean());
    }

    /// <summary>Checks a problem body's type and that its detail says more than the status's name; returns the detail.</summary>
    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, string type)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(type, problem.GetProperty("type").GetString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.NotEqual(problem.GetProperty("title").GetString(), detail);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return detail!;
    }
}
