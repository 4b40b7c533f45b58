namespace LiveClass.Domain;

/// <summary>Checks for the free text people type: names, titles, chat and custom cues.</summary>
public static class TextRules
{
    /// <summary>
    /// Trims <paramref name="value"/> and checks it is 1..<paramref name="maxLength"/> characters with
    /// no control characters (line breaks allowed where <paramref name="multiline"/>).
    /// </summary>
    public static string Require(string? value, string field, int maxLength, bool multiline = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw LiveClassException.Invalid($"{field} must not be empty");
        }

        if (trimmed.Length > maxLength)
        {
            throw LiveClassException.Invalid($"{field} must be at most {maxLength} characters");
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                throw LiveClassException.Invalid($"{field} must not contain control characters");
            }
        }

        return trimmed;
    }

    /// <summary>
    /// Parses an enum value sent as a string: exactly one of the names, never a number, padding or a
    /// comma-separated combination (which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would OR together).
    /// </summary>
    public static TEnum ParseEnum<TEnum>(string? value, string field) where TEnum : struct, Enum
    {
        if (value is null || !Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal))
        {
            throw LiveClassException.Invalid($"{field} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        }

        return Enum.Parse<TEnum>(value);
    }
}
