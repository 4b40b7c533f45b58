using System.Security.Cryptography;
using System.Text;

namespace LiveClass.Domain;

/// <summary>
/// Random identifiers and secrets. Secrets carry at least 128 random bits, so a plain SHA-256 is a
/// sound way to keep only their hash at rest: there is nothing to brute-force.
/// </summary>
public static class Secrets
{
    /// <summary>An opaque, URL-safe class id with 128 random bits.</summary>
    public static string NewClassId() => RandomUrlSafe(16);

    public static string NewParticipantId() => RandomUrlSafe(12);

    public static string NewMessageId() => RandomUrlSafe(12);

    /// <summary>A URL-safe secret with 192 random bits.</summary>
    public static string NewSecret() => RandomUrlSafe(24);

    public static string Hash(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string hash)
    {
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var expected = Convert.FromHexString(hash);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string RandomUrlSafe(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
