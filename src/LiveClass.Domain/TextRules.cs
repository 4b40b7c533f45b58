using System.Globalization;
using System.Text;

namespace LiveClass.Domain;

/// <summary>Checks for the free text people type: names, titles, chat and custom cues.</summary>
public static class TextRules
{
    /// <summary>More combining marks than this on one character is a pile meant to spill over other text.</summary>
    public const int MaxCombiningMarksPerCharacter = 4;

    /// <summary>The longest a character (grapheme cluster) may be in UTF-16 code units, so a long text is refused before it is taken apart.</summary>
    private const int MaxCodeUnitsPerCharacter = 16;

    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>
    /// Trims <paramref name="value"/>, normalizes it to NFC and checks it: 1..<paramref name="maxLength"/>
    /// characters counted as grapheme clusters (what a reader sees as one character); no control
    /// characters (line breaks and tabs allowed where <paramref name="multiline"/>), no format
    /// characters (bidi overrides, zero-width characters; a zero-width joiner only inside an emoji
    /// sequence), no line or paragraph separators, no unpaired surrogates, and at most
    /// <see cref="MaxCombiningMarksPerCharacter"/> combining marks on one character. Text with
    /// nothing visible in it is empty.
    /// </summary>
    public static string Require(string? value, string field, int maxLength, bool multiline = false)
    {
        var trimmed = value?.Trim();
        if (trimmed is not null && trimmed.Length > maxLength * MaxCodeUnitsPerCharacter)
        {
            throw TooLong(field, maxLength);
        }

        if (string.IsNullOrEmpty(trimmed) || !HasVisibleCharacter(trimmed))
        {
            throw LiveClassException.Invalid($"{field} must not be empty");
        }

        if (HasUnpairedSurrogate(trimmed))
        {
            throw LiveClassException.Invalid($"{field} must be valid Unicode text");
        }

        var text = trimmed.Normalize(NormalizationForm.FormC);
        if (new StringInfo(text).LengthInTextElements > maxLength)
        {
            throw TooLong(field, maxLength);
        }

        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            CheckCharacter(elements.GetTextElement(), field, multiline);
        }

        return text;
    }

    /// <summary>
    /// Whether two display names would look like the same person: equal once folded to NFKC
    /// (so full-width and other compatibility forms match their plain letters) and compared
    /// without case.
    /// </summary>
    public static bool SameName(string? a, string? b) =>
        a is not null && b is not null
        && string.Equals(Fold(a), Fold(b), StringComparison.OrdinalIgnoreCase);

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

    private static void CheckCharacter(string element, string field, bool multiline)
    {
        var marks = 0;
        for (var i = 0; i < element.Length; i++)
        {
            var c = element[i];
            switch (CharUnicodeInfo.GetUnicodeCategory(element, i))
            {
                case UnicodeCategory.Control when !(multiline && c is '\n' or '\r' or '\t'):
                    throw LiveClassException.Invalid($"{field} must not contain control characters");
                case UnicodeCategory.Format when !(c == ZeroWidthJoiner && JoinsEmoji(element, i)):
                    throw LiveClassException.Invalid($"{field} must not contain invisible formatting characters");
                case UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    throw LiveClassException.Invalid($"{field} must not contain line or paragraph separators");
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark when ++marks > MaxCombiningMarksPerCharacter:
                    throw LiveClassException.Invalid($"{field} must not pile more than {MaxCombiningMarksPerCharacter} marks on one character");
            }
        }
    }

    /// <summary>A zero-width joiner inside one grapheme cluster, between two symbols: an emoji sequence such as a family.</summary>
    private static bool JoinsEmoji(string element, int index)
    {
        if (index == 0 || index == element.Length - 1)
        {
            return false;
        }

        var before = PreviousCodePoint(element, index);
        while (before > 0 && char.ConvertToUtf32(element, before) is 0xFE0E or 0xFE0F or (>= 0x1F3FB and <= 0x1F3FF))
        {
            before = PreviousCodePoint(element, before);
        }

        return IsSymbol(element, before) && IsSymbol(element, index + 1);
    }

    private static int PreviousCodePoint(string text, int index) =>
        index >= 2 && char.IsLowSurrogate(text[index - 1]) && char.IsHighSurrogate(text[index - 2]) ? index - 2 : index - 1;

    private static bool IsSymbol(string text, int index) =>
        CharUnicodeInfo.GetUnicodeCategory(text, index) is UnicodeCategory.OtherSymbol;

    private static bool HasVisibleCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
            if (!char.IsWhiteSpace(text[i]) && category is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.EnclosingMark or UnicodeCategory.Control))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Fold(string name) =>
        HasUnpairedSurrogate(name) ? name.Trim() : name.Trim().Normalize(NormalizationForm.FormKC);

    private static LiveClassException TooLong(string field, int maxLength) =>
        LiveClassException.Invalid($"{field} must be at most {maxLength} characters");
}
