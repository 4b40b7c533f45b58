using System.Globalization;
using System.Text;

namespace LiveClass.Domain;

/// <summary>Checks for what clients send: the free text people type (names, titles, chat and custom cues), enum names and required numbers.</summary>
public static class TextRules
{
    /// <summary>More combining marks than this on one character is a pile meant to spill over other text.</summary>
    public const int MaxCombiningMarksPerCharacter = 4;

    /// <summary>The longest a character (grapheme cluster) may be in UTF-16 code units, so a long text is refused before it is taken apart.</summary>
    private const int MaxCodeUnitsPerCharacter = 32;

    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>
    /// Trims spaces, tabs and line breaks from the ends of <paramref name="value"/>, normalizes it to NFC and checks it: 1..<paramref name="maxLength"/>
    /// characters counted as grapheme clusters (what a reader sees as one character); no control
    /// characters (line breaks and tabs allowed where <paramref name="multiline"/>), no format
    /// characters (bidi overrides, zero-width characters; a zero-width joiner only inside an emoji
    /// sequence), no line or paragraph separators, no unpaired surrogates, and at most
    /// <see cref="MaxCombiningMarksPerCharacter"/> combining marks on one character. Text with
    /// nothing visible in it is empty.
    /// </summary>
    public static string Require(string? value, string field, int maxLength, bool multiline = false)
    {
        var trimmed = value is null ? null : TrimSpace(value);
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
        if (CountCharacters(text) > maxLength)
        {
            throw TooLong(field, maxLength);
        }

        // Character by character, as spans of the text: chat passes here on every message.
        for (var rest = text.AsSpan(); !rest.IsEmpty;)
        {
            var length = StringInfo.GetNextTextElementLength(rest);
            CheckCharacter(rest[..length], field, multiline);
            rest = rest[length..];
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
        var index = value is null ? -1 : Array.IndexOf(EnumNames<TEnum>.Names, value);
        if (index < 0)
        {
            throw LiveClassException.Invalid($"{field} must be one of {string.Join(", ", EnumNames<TEnum>.Names)}");
        }

        return EnumNames<TEnum>.Values[index];
    }

    /// <summary>A number a call needs, sent as null: refused as any other bad argument is.</summary>
    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw LiveClassException.Invalid($"{field} is required");

    /// <summary>The number of grapheme clusters in <paramref name="text"/>.</summary>
    private static int CountCharacters(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (; !text.IsEmpty; count++)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
        }

        return count;
    }

    private static void CheckCharacter(ReadOnlySpan<char> element, string field, bool multiline)
    {
        var marks = 0;
        for (var i = 0; i < element.Length; i++)
        {
            var c = element[i];
            switch (CategoryAt(element, i))
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
    private static bool JoinsEmoji(ReadOnlySpan<char> element, int index)
    {
        if (index == 0 || index == element.Length - 1)
        {
            return false;
        }

        var before = PreviousCodePoint(element, index);
        while (before > 0 && CodePointAt(element, before) is 0xFE0E or 0xFE0F or (>= 0x1F3FB and <= 0x1F3FF))
        {
            before = PreviousCodePoint(element, before);
        }

        return CategoryAt(element, before) is UnicodeCategory.OtherSymbol
            && CategoryAt(element, index + 1) is UnicodeCategory.OtherSymbol;
    }

    private static int PreviousCodePoint(ReadOnlySpan<char> text, int index) =>
        index >= 2 && char.IsLowSurrogate(text[index - 1]) && char.IsHighSurrogate(text[index - 2]) ? index - 2 : index - 1;

    /// <summary>The code point starting at <paramref name="index"/>; a lone surrogate stands for itself.</summary>
    private static int CodePointAt(ReadOnlySpan<char> text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])
            ? char.ConvertToUtf32(text[index], text[index + 1])
            : text[index];

    /// <summary>As <see cref="CharUnicodeInfo.GetUnicodeCategory(string, int)"/>, on a span.</summary>
    private static UnicodeCategory CategoryAt(ReadOnlySpan<char> text, int index) =>
        CharUnicodeInfo.GetUnicodeCategory(CodePointAt(text, index));

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

    /// <summary>An enum's names and values, in the same order, read once per type.</summary>
    private static class EnumNames<TEnum> where TEnum : struct, Enum
    {
        public static readonly string[] Names = Enum.GetNames<TEnum>();
        public static readonly TEnum[] Values = Enum.GetValues<TEnum>();
    }

    /// <summary>
    /// Takes off the ends the blanks that typing and pasting leave there: spaces, tabs and line
    /// breaks (CR, LF), as earlier versions did. Any other control or separator character at an
    /// end (U+0085, U+2028, a vertical tab, …) is left for the checks to refuse, as anywhere else.
    /// </summary>
    private static string TrimSpace(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && IsTrimmable(value[start]))
        {
            start++;
        }

        while (end > start && IsTrimmable(value[end - 1]))
        {
            end--;
        }

        return start == 0 && end == value.Length ? value : value[start..end];
    }

    private static bool IsTrimmable(char c) => c is '\t' or '\n' or '\r' || char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;
}
