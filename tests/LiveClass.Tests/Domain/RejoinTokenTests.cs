using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class RejoinTokenTests
{
    [Fact]
    public void A_token_reads_back_from_its_text()
    {
        var token = new RejoinToken(Secrets.NewClassId(), Secrets.NewParticipantId(), Secrets.NewSecret());

        var text = token.ToString();

        Assert.Equal($"{token.ClassId}.{token.ParticipantId}.{token.Secret}", text);
        Assert.True(RejoinToken.TryParse(text, out var parsed));
        Assert.Equal(token, parsed);
    }

    [Fact]
    public void Url_safe_parts_with_dashes_and_underscores_are_accepted()
    {
        Assert.True(RejoinToken.TryParse("a-B_1.p_-Q.s3cr-t_", out var token));
        Assert.Equal(new RejoinToken("a-B_1", "p_-Q", "s3cr-t_"), token);
    }

    [Fact]
    public void A_token_of_256_characters_is_accepted_and_one_longer_is_not()
    {
        var prefix = "c.p.";
        Assert.True(RejoinToken.TryParse(prefix + new string('s', 256 - prefix.Length), out _));
        AssertNotAToken(prefix + new string('s', 257 - prefix.Length));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("junk")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData(".b.c")]
    [InlineData("a..c")]
    [InlineData("a.b.")]
    [InlineData("a.b.c=")]
    [InlineData("a.b.c+d")]
    [InlineData("a/b.c.d")]
    [InlineData("a.b c.d")]
    [InlineData("a.b.c\n")]
    [InlineData("a.b.é")]
    [InlineData("a.b.<script>")]
    public void Junk_is_rejected(string? value)
    {
        AssertNotAToken(value);
    }

    private static void AssertNotAToken(string? value)
    {
        Assert.False(RejoinToken.TryParse(value, out var token));
        Assert.Null(token);
    }
}
