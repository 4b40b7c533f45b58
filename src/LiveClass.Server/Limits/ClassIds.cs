using System.Diagnostics.CodeAnalysis;

namespace LiveClass.Server.Limits;

/// <summary>What a class id can look like, checked before any grain is asked about it.</summary>
public static class ClassIds
{
    public static bool IsPlausible([NotNullWhen(true)] string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
