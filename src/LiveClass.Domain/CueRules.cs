using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>What makes a cue or a tempo valid.</summary>
internal static class CueRules
{
    /// <summary>Checks a cue's count and text against its kind; returns the clean text.</summary>
    public static string? Validate(CueKind kind, int? count, string? text, ClassLimits limits)
    {
        if (kind == CueKind.Repeat)
        {
            if (count is null || count < 1 || count > limits.RepeatMaxCount)
            {
                throw LiveClassException.Invalid($"a Repeat cue needs a count from 1 to {limits.RepeatMaxCount}");
            }
        }
        else if (count is not null)
        {
            throw LiveClassException.Invalid("only a Repeat cue takes a count");
        }

        if (kind == CueKind.Custom)
        {
            return TextRules.Require(text, "text", limits.CustomCueMaxLength);
        }

        if (text is not null)
        {
            throw LiveClassException.Invalid("only a Custom cue takes a text");
        }

        return null;
    }

    public static void ValidateTempo(int strokesPerMinute, ClassLimits limits)
    {
        if (strokesPerMinute != 0 && (strokesPerMinute < limits.TempoMin || strokesPerMinute > limits.TempoMax))
        {
            throw LiveClassException.Invalid($"strokesPerMinute must be 0 (off) or {limits.TempoMin} to {limits.TempoMax}");
        }
    }
}
