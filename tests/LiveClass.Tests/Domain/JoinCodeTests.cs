using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class JoinCodeTests
{
    [Fact]
    public void The_alphabet_has_no_look_alikes_and_no_repeats()
    {
        foreach (var lookAlike in "0O1IL")
        {
            Assert.DoesNotContain(lookAlike, JoinCode.Alphabet);
        }

        Assert.Equal(JoinCode.Alphabet.Length, JoinCode.Alphabet.Distinct().Count());
        Assert.All(JoinCode.Alphabet, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c), $"'{c}'"));
        Assert.Equal(31, JoinCode.Alphabet.Length);
    }

    [Fact]
    public void New_codes_are_six_characters_of_the_alphabet_and_vary()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => JoinCode.NewCode()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Equal(JoinCode.Length, code.Length);
            Assert.All(code, c => Assert.Contains(c, JoinCode.Alphabet));
            Assert.True(JoinCode.TryNormalize(code, out var normalized));
            Assert.Equal(code, normalized);
        });
        Assert.True(codes.Distinct().Count() > 190, "codes should be random");
    }

    [Theory]
    [InlineData("KQ7M4P")]
    [InlineData("kq7m4p")]
    [InlineData("Kq7M4p")]
    [InlineData("KQ7-M4P")]
    [InlineData("kq7-m4p")]
    public void Input_is_case_insensitive_with_an_optional_hyphen_after_three(string input)
    {
        Assert.True(JoinCode.TryNormalize(input, out var code));
        Assert.Equal("KQ7M4P", code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("KQ7M4")]
    [InlineData("KQ7-M4")]
    [InlineData("KQ7M4PX")]
    [InlineData("KQ7-M4PX")]
    [InlineData("KQ-7M4P")]
    [InlineData("KQ7M-4P")]
    [InlineData("-KQ7M4P")]
    [InlineData("KQ7M4P-")]
    [InlineData("KQ7--M4")]
    [InlineData("KQ7 M4P")]
    [InlineData(" KQ7M4P")]
    [InlineData("KQ0M4P")]
    [InlineData("KQOM4P")]
    [InlineData("KQ1M4P")]
    [InlineData("KQIM4P")]
    [InlineData("KQLM4P")]
    [InlineData("kqlm4p")]
    [InlineData("KQ7_M4P")]
    [InlineData("ＫQ7M4P")]
    [InlineData("KQ7M4P\n")]
    public void Malformed_input_is_rejected(string? input)
    {
        Assert.False(JoinCode.TryNormalize(input, out var code));
        Assert.Null(code);
    }

    [Fact]
    public void Format_shows_the_code_with_a_hyphen_in_the_middle_and_reads_back()
    {
        Assert.Equal("KQ7-M4P", JoinCode.Format("KQ7M4P"));

        var code = JoinCode.NewCode();
        Assert.True(JoinCode.TryNormalize(JoinCode.Format(code), out var back));
        Assert.Equal(code, back);
    }
}
