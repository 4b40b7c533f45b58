using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

/// <summary>A class created the way the HTTP API creates one, with the secrets the test needs.</summary>
internal sealed record CreatedClass(string ClassId, string JoinCode, string InstructorKey, IClassSessionGrain Grain);

/// <summary>A created class whose instructor has joined.</summary>
internal sealed record ClassWithInstructor(CreatedClass Created, IClassSessionGrain Grain, string InstructorId);

/// <summary>A family that joined a class, its rejoin token and the participant grain the token names.</summary>
internal sealed record JoinedFamily(JoinResult Join, RejoinToken Token, IParticipantGrain Participant);

/// <summary>Small steps the grain tests share.</summary>
internal static class GrainKit
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>Claims a free join code and creates a class on it, with a fresh id and instructor key.</summary>
    public static async Task<CreatedClass> CreateClassAsync(IGrainFactory grains, string title = "Baby massage, week 1")
    {
        var classId = Secrets.NewClassId();
        var instructorKey = Secrets.NewSecret();
        string code;
        do
        {
            code = JoinCode.NewCode();
        }
        while (!await grains.GetGrain<IJoinCodeGrain>(code).TryClaim(classId));

        var grain = grains.GetGrain<IClassSessionGrain>(classId);
        await grain.Create(new NewClass(title, "Maya", RoutineCatalog.FullBodyId, code, Secrets.Hash(instructorKey)));
        return new CreatedClass(classId, code, instructorKey, grain);
    }

    /// <summary>Creates a class (<see cref="CreateClassAsync"/>) and joins its instructor.</summary>
    public static async Task<ClassWithInstructor> CreateWithInstructorAsync(IGrainFactory grains)
    {
        var created = await CreateClassAsync(grains);
        var instructor = await created.Grain.JoinAsInstructor(created.InstructorKey);
        return new ClassWithInstructor(created, created.Grain, instructor.ParticipantId);
    }

    public static RejoinToken ParseToken(string text)
    {
        Assert.True(RejoinToken.TryParse(text, out var token), $"'{text}' is not a rejoin token");
        return token;
    }

    /// <summary>The participant grain a token names, as the hub finds it.</summary>
    public static IParticipantGrain ParticipantOf(IGrainFactory grains, RejoinToken token) =>
        grains.GetGrain<IParticipantGrain>(ParticipantKey.For(token.ClassId, token.ParticipantId));

    /// <summary>Awaits a grain call that must fail with <paramref name="code"/>, and returns the error as it arrived.</summary>
    public static async Task<LiveClassException> AssertRejectedAsync(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<LiveClassException>(call);
        Assert.Equal(code, error.Code);
        return error;
    }
}
