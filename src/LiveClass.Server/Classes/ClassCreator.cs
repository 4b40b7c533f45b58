using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Classes;

/// <summary>Creates a class: checks the request, mints its id, key and join code, and hands them to the class grain.</summary>
public sealed class ClassCreator(IGrainFactory grains, IOptions<ClassLimits> limits)
{
    private const int JoinCodeAttempts = 20;

    public async Task<(string ClassId, string JoinCode, string InstructorKey)> CreateAsync(CreateClassRequest request)
    {
        var title = TextRules.Require(request.Title, "title", limits.Value.TitleMaxLength);
        var instructorName = TextRules.Require(request.InstructorName, "instructorName", limits.Value.DisplayNameMaxLength);
        var routineId = request.RoutineId ?? RoutineCatalog.FullBodyId;
        if (!RoutineCatalog.TryGet(routineId, out _))
        {
            throw LiveClassException.Invalid($"unknown routineId '{routineId}'");
        }

        var classId = Secrets.NewClassId();
        var instructorKey = Secrets.NewSecret();
        var joinCode = await ClaimJoinCodeAsync(classId);
        await grains.GetGrain<IClassSessionGrain>(classId).Create(
            new NewClass(title, instructorName, routineId, joinCode, Secrets.Hash(instructorKey)));
        return (classId, joinCode, instructorKey);
    }

    private async Task<string> ClaimJoinCodeAsync(string classId)
    {
        for (var attempt = 0; attempt < JoinCodeAttempts; attempt++)
        {
            var code = JoinCode.NewCode();
            if (await grains.GetGrain<IJoinCodeGrain>(code).TryClaim(classId))
            {
                return code;
            }
        }

        throw new InvalidOperationException("No free join code was found.");
    }
}
