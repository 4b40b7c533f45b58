using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveClass.Tests.Infrastructure;

namespace LiveClass.Tests.Http;

/// <summary>The instructor's recap over HTTP, from a class run through the real hub.</summary>
public sealed class RecapApiTests : ServerPerTest
{
    [Fact]
    public async Task The_recap_lists_every_family_their_time_the_check_ins_by_step_and_the_chat()
    {
        var created = await Server.CreateClassAsync("Week 2", "Maya");
        await using var teacher = await ClassClient.ConnectAsync(Server.BaseUrl);
        await teacher.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await using var amara = await ClassClient.ConnectAsync(Server.BaseUrl);
        var amaraId = (await amara.JoinAsParentAsync(created.JoinCode, "Amara & Noor")).ParticipantId;
        await using var ben = await ClassClient.ConnectAsync(Server.BaseUrl);
        var benId = (await ben.JoinAsParentAsync(created.JoinCode, "Ben & Theo")).ParticipantId;
        await using var chloe = await ClassClient.ConnectAsync(Server.BaseUrl);
        var chloeId = (await chloe.JoinAsParentAsync(created.JoinCode, "Chloe & Ivy")).ParticipantId;

        await amara.Hub.CheckIn("Ready", 0);
        await teacher.Hub.StartClass();
        await teacher.Hub.GoToStep(2);
        await amara.Hub.CheckIn("NeedHelp", null);
        await ben.Hub.CheckIn("Fussy", null);
        await ben.Hub.CheckIn("Fussy", 2);
        await chloe.Hub.CheckIn("Sleeping", 2);
        await ben.Hub.SendChat("c1", "Theo loves this one");
        await chloe.Hub.Leave();
        await teacher.Hub.SendChat("c2", "Lovely, keep it slow");
        await teacher.Hub.EndClass();

        var response = await Server.GetRecapAsync(created.ClassId, created.InstructorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var recap = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Ended", recap.GetProperty("status").GetString());
        Assert.Equal("Week 2", recap.GetProperty("title").GetString());
        Assert.Equal("full-body", recap.GetProperty("routineId").GetString());
        var endedAt = recap.GetProperty("endedAt").GetInt64();
        Assert.Equal(endedAt + (long)TimeSpan.FromHours(24).TotalMilliseconds, recap.GetProperty("keptUntil").GetInt64());
        Assert.True(recap.GetProperty("startedAt").GetInt64() <= endedAt);

        // Families only, in the order they came; the instructor is not one of them.
        var families = recap.GetProperty("families").EnumerateArray().ToList();
        Assert.Equal(["Amara & Noor", "Ben & Theo", "Chloe & Ivy"], families.Select(f => f.GetProperty("displayName").GetString()));
        Assert.Equal(["Present", "Present", "Left"], families.Select(f => f.GetProperty("state").GetString()));
        foreach (var family in families)
        {
            var online = family.GetProperty("onlineMs").GetInt64();
            var span = family.GetProperty("lastSeenAt").GetInt64() - family.GetProperty("firstJoinedAt").GetInt64();
            Assert.InRange(online, 0, span);
            Assert.True(family.GetProperty("lastSeenAt").GetInt64() <= endedAt);
        }

        Assert.Equal(endedAt, families[0].GetProperty("lastSeenAt").GetInt64());

        var byStep = recap.GetProperty("checkInsByStep").EnumerateArray().ToList();
        Assert.Equal([0, 2], byStep.Select(s => s.GetProperty("stepIndex").GetInt32()));
        Assert.False(string.IsNullOrEmpty(byStep[1].GetProperty("stepName").GetString()));
        var atStart = byStep[0].GetProperty("counts").EnumerateArray().Single();
        Assert.Equal("Ready", atStart.GetProperty("status").GetString());
        Assert.Equal(1, atStart.GetProperty("count").GetInt32());
        Assert.Equal([amaraId], atStart.GetProperty("participantIds").EnumerateArray().Select(p => p.GetString()));
        var atThird = byStep[1].GetProperty("counts").EnumerateArray()
            .ToDictionary(c => c.GetProperty("status").GetString()!, c => c);
        Assert.Equal(["Sleeping", "Fussy", "NeedHelp"], atThird.Keys);
        Assert.Equal(2, atThird["Fussy"].GetProperty("count").GetInt32());
        Assert.Equal([benId], atThird["Fussy"].GetProperty("participantIds").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal([amaraId], atThird["NeedHelp"].GetProperty("participantIds").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal([chloeId], atThird["Sleeping"].GetProperty("participantIds").EnumerateArray().Select(p => p.GetString()));

        Assert.Equal(["Theo loves this one", "Lovely, keep it slow"],
            recap.GetProperty("chat").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Without_the_instructor_key_in_its_header_the_recap_is_forbidden()
    {
        var created = await Server.CreateClassAsync();

        var none = await Server.Http.GetAsync($"/api/classes/{created.ClassId}/recap");
        var inQuery = await Server.Http.GetAsync($"/api/classes/{created.ClassId}/recap?key={created.InstructorKey}");
        var wrongResponse = await Server.GetRecapAsync(created.ClassId, created.InstructorKey + "x");

        foreach (var response in new[] { none, inQuery, wrongResponse })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("forbidden", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }
    }

    [Theory]
    [InlineData("no-such-class-here")]
    [InlineData("not%20an%20id")]
    public async Task An_unknown_class_has_no_recap(string classId)
    {
        var response = await Server.GetRecapAsync(classId, "anything");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not_found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }
}
