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
    public void Single_line_text_is_trimmed_and_has_no_control_characters(string input, string? expected)
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

        var error = Assert.Throws<LiveClassException>(() => TextRules.Require("a\u0000b", "text", 10, multiline: true));
        Assert.Equal(ErrorCodes.Invalid, error.Code);
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
