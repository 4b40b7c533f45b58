using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Classes;

/// <summary>Creates a class: checks the request, mints its id, key and join code, and hands them to the class grain.</summary>
public sealed partial class ClassCreator(IGrainFactory grains, IOptions<ClassLimits> limits, ILogger<ClassCreator> logger)
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
        try
        {
            await grains.GetGrain<IClassSessionGrain>(classId).Create(
                new NewClass(title, instructorName, routineId, joinCode, Secrets.Hash(instructorKey)));
        }
        catch
        {
            // Nobody learns this class's id or key, so nobody could ever use the code it claimed.
            await ReleaseJoinCodeAsync(joinCode, classId);
            throw;
        }

        return (classId, joinCode, instructorKey);
    }

    private async Task ReleaseJoinCodeAsync(string joinCode, string classId)
    {
        try
        {
            await grains.GetGrain<IJoinCodeGrain>(joinCode).Release(classId);
        }
        catch (Exception exception)
        {
            // The creation's own failure is what the caller hears about.
            LogJoinCodeNotReleased(logger, exception, classId);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The join code of class {ClassId}, whose creation failed, could not be released")]
    private static partial void LogJoinCodeNotReleased(ILogger logger, Exception exception, string classId);
}
