using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("  hi  ", "hi")]
    [InlineData("a\tb", null)]
    [InlineData("a\nb", null)]
    [InlineData("a\u0085b", null)]
    [InlineData("a\u007fb", null)]
    [InlineData("\u00a0hi\u3000", "hi")]
    [InlineData("\thi\r\n", "hi")]
    [InlineData("hi\u0085", null)]
    [InlineData("hi\u2028", null)]
    [InlineData("\vhi", null)]
    [InlineData("hi\u001f", null)]
    [InlineData("\u200bhi", null)]
    public void Single_line_text_is_trimmed_of_blanks_and_has_no_other_control_or_separator_characters_even_at_its_ends(string input, string? expected)
    {
        if (expected is null)
        {
            var error = Assert.Throws<LiveClassException>(() => TextRules.Require(input, "field", 10));
            Assert.Equal(ErrorCodes.Invalid, error.Code);
            Assert.Contains("field", error.Detail, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected, TextRules.Require(input, "field", 10));
        }
    }

    [Fact]
    public void Multiline_text_allows_line_breaks_and_tabs_but_no_other_control_characters()
    {
        Assert.Equal("a\r\n\tb", TextRules.Require(" a\r\n\tb ", "text", 10, multiline: true));

        Assert.Equal("hi", TextRules.Require("\n hi\t\r\n", "text", 10, multiline: true));

        foreach (var refused in new[] { "a\u0000b", "hi\u2029", "\u0085hi", "hi\u0000", "hi\f" })
        {
            var error = Assert.Throws<LiveClassException>(() => TextRules.Require(refused, "text", 10, multiline: true));
            Assert.Equal(ErrorCodes.Invalid, error.Code);
        }
    }

    [Fact]
    public void A_name_of_long_emoji_sequences_is_counted_by_what_a_reader_sees()
    {
        // A family of four with skin tones: 19 UTF-16 code units, one character on screen.
        const string family = "\U0001F468\U0001F3FD\u200D\U0001F469\U0001F3FD\u200D\U0001F467\U0001F3FD\u200D\U0001F466\U0001F3FD";
        var forty = string.Concat(Enumerable.Repeat(family, 40));

        Assert.Equal(forty, TextRules.Require(forty, "displayName", 40));
        Assert.Throws<LiveClassException>(() => TextRules.Require(forty + family, "displayName", 40));
    }

    [Fact]
    public void Length_is_checked_after_trimming()
    {
        Assert.Equal("12345", TextRules.Require("   12345   ", "text", 5));
        Assert.Throws<LiveClassException>(() => TextRules.Require("123456", "text", 5));
    }

    [Theory]
    [InlineData("Ready", CheckInStatus.Ready)]
    [InlineData("NeedHelp", CheckInStatus.NeedHelp)]
    public void Enums_parse_from_their_exact_names(string value, CheckInStatus expected)
    {
        Assert.Equal(expected, TextRules.ParseEnum<CheckInStatus>(value, "status"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ready")]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("99")]
    [InlineData(" Ready")]
    [InlineData("Ready ")]
    [InlineData("Ready,Done")]
    [InlineData("Following,Done")]
    [InlineData("Following, Done")]
    [InlineData("Bored")]
    public void Enums_reject_numbers_other_cases_and_unknown_names(string? value)
    {
        var error = Assert.Throws<LiveClassException>(() => TextRules.ParseEnum<CheckInStatus>(value, "status"));

        Assert.Equal(ErrorCodes.Invalid, error.Code);
    }
}
