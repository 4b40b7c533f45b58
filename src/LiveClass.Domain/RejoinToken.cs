using System.Diagnostics.CodeAnalysis;

namespace LiveClass.Domain;

/// <summary>
/// A participant's rejoin token: <c>{classId}.{participantId}.{secret}</c>. The first two parts say
/// which participant grain to ask; only the hash of the secret is stored there.
/// </summary>
public sealed record RejoinToken(string ClassId, string ParticipantId, string Secret)
{
    private const int MaxLength = 256;

    public override string ToString() => $"{ClassId}.{ParticipantId}.{Secret}";

    public static bool TryParse(string? value, [NotNullWhen(true)] out RejoinToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        var parts = value.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(IsUrlSafe)))
        {
            return false;
        }

        token = new RejoinToken(parts[0], parts[1], parts[2]);
        return true;
    }

    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
