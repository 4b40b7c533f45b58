using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class SecretsTests
{
    private static bool IsUrlSafe(string value) => value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>How many random bits a URL-safe base64 id of this length carries.</summary>
    private static int RandomBits(string value) =>
        Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/') + new string('=', (4 - value.Length % 4) % 4)).Length * 8;

    public static TheoryData<string, int> Generators => new()
    {
        { "class id", 96 },
        { "participant id", 64 },
        { "message id", 64 },
        { "secret", 128 },
    };

    private static string Generate(string kind) => kind switch
    {
        "class id" => Secrets.NewClassId(),
        "participant id" => Secrets.NewParticipantId(),
        "message id" => Secrets.NewMessageId(),
        "secret" => Secrets.NewSecret(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Generators))]
    public void Ids_and_secrets_are_url_safe_random_and_long_enough(string kind, int minimumBits)
    {
        var values = Enumerable.Range(0, 500).Select(_ => Generate(kind)).ToList();

        Assert.All(values, value =>
        {
            Assert.True(IsUrlSafe(value), $"'{value}' is not URL-safe");
            Assert.True(RandomBits(value) >= minimumBits, $"'{value}' carries {RandomBits(value)} bits");
        });
        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_hash_is_stable_and_matches_only_its_secret()
    {
        var secret = Secrets.NewSecret();

        var hash = Secrets.Hash(secret);

        Assert.Equal(hash, Secrets.Hash(secret));
        Assert.NotEqual(secret, hash);
        Assert.DoesNotContain(secret, hash, StringComparison.Ordinal);
        Assert.Equal(64, hash.Length);
        Assert.True(Secrets.Matches(secret, hash));
        Assert.False(Secrets.Matches(Secrets.NewSecret(), hash));
        Assert.False(Secrets.Matches(secret[..^1], hash));
        Assert.False(Secrets.Matches(secret.ToUpperInvariant() == secret ? secret.ToLowerInvariant() : secret.ToUpperInvariant(), hash));
        Assert.False(Secrets.Matches("", hash));
    }

    [Fact]
    public void Different_secrets_have_different_hashes()
    {
        var hashes = Enumerable.Range(0, 200).Select(_ => Secrets.Hash(Secrets.NewSecret())).ToList();

        Assert.Equal(hashes.Count, hashes.Distinct(StringComparer.Ordinal).Count());
    }
}
