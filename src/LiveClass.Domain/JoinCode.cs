using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace LiveClass.Domain;

/// <summary>
/// The short code parents type to find a class: six characters from an alphabet without
/// look-alikes (no 0/O, no 1/I/L), shown as <c>KQ7-M4P</c>, typed in any case, hyphen optional.
/// </summary>
public static class JoinCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 6;

    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Turns what a person typed into the canonical code, or fails if it cannot be one.</summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (input is null || input.Length > Length + 1)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[Length];
        var count = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var c = char.ToUpperInvariant(input[i]);
            if (c == '-' && i == 3 && input.Length == Length + 1)
            {
                continue;
            }

            if (count == Length || !Alphabet.Contains(c))
            {
                return false;
            }

            buffer[count++] = c;
        }

        if (count != Length)
        {
            return false;
        }

        code = new string(buffer);
        return true;
    }

    /// <summary>The display form, <c>KQ7-M4P</c>.</summary>
    public static string Format(string code) => $"{code[..3]}-{code[3..]}";
}
