using System.Text;
using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

/// <summary>Text that would show one thing and be another: invisible, reordered, stacked or borrowed names.</summary>
public sealed class NamesThatLieTests
{
    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData(" \u200B \u2060 \uFEFF ")]
    [InlineData("\u0301\u0301")]
    public void A_name_with_nothing_visible_is_empty(string name)
    {
        var error = Assert.Throws<LiveClassException>(() => TextRules.Require(name, "displayName", 40));

        Assert.Equal(ErrorCodes.Invalid, error.Code);
        Assert.Contains("must not be empty", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sam\u202Eevil")]         // right-to-left override
    [InlineData("Sam\u2066x\u2069")]      // isolates
    [InlineData("Sa\u200Bm")]             // zero-width space
    [InlineData("Sa\u200Cm")]             // zero-width non-joiner
    [InlineData("Sa\u200Dm")]             // zero-width joiner between letters
    [InlineData("Sa\u00ADm")]             // soft hyphen
    [InlineData("Sam\uFEFF")]             // byte order mark
    [InlineData("Sam\u2028Eve")]          // line separator
    [InlineData("Sam\u2029Eve")]          // paragraph separator
    [InlineData("Sam\U000E0041")]         // tag character
    [InlineData("Z\u0300\u0301\u0302\u0303\u0304algo")] // five marks on one letter
    public void Names_that_hide_reorder_or_spill_are_invalid(string name)
    {
        var error = Assert.Throws<LiveClassException>(() => TextRules.Require(name, "displayName", 40));

        Assert.Equal(ErrorCodes.Invalid, error.Code);
    }

    [Fact]
    public void Unpaired_surrogates_are_invalid()
    {
        var name = "Sa" + (char)0xD800 + "m";

        var error = Assert.Throws<LiveClassException>(() => TextRules.Require(name, "displayName", 40));

        Assert.Equal(ErrorCodes.Invalid, error.Code);
    }

    [Fact]
    public void Chat_keeps_line_breaks_but_not_unicode_separators()
    {
        Assert.Equal("a\nb", TextRules.Require("a\nb", "text", 500, multiline: true));
        Assert.Throws<LiveClassException>(() => TextRules.Require("a\u2028b", "text", 500, multiline: true));
        Assert.Throws<LiveClassException>(() => TextRules.Require("a\u202Eb", "text", 500, multiline: true));
    }

    [Fact]
    public void Names_are_normalized_to_NFC()
    {
        var decomposed = "Ame\u0301lie";

        var clean = TextRules.Require(decomposed, "displayName", 40);

        Assert.Equal("Am\u00E9lie", clean);
        Assert.True(clean.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("👨‍👩‍👧‍👦 Sam")]          // a family: joiners inside one emoji
    [InlineData("Noa 👍🏽")]               // skin tone
    [InlineData("1️⃣ Sam")]                // keycap: two marks
    [InlineData("Nguyễn Thị Ánh")]
    [InlineData("क्षिति")]
    [InlineData("محمد")]
    [InlineData("山田 花子")]
    public void Real_names_in_any_script_and_emoji_are_accepted(string name)
    {
        Assert.Equal(name.Normalize(NormalizationForm.FormC), TextRules.Require(name, "displayName", 40));
    }

    [Fact]
    public void Length_counts_what_a_reader_sees_as_characters()
    {
        var families = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 40)); // 440 UTF-16 code units, 40 characters
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", 40));   // 80 code units, 40 characters

        Assert.Equal(families, TextRules.Require(families, "displayName", 40));
        Assert.Equal(40, TextRules.Require(decomposed, "displayName", 40).Length);
        Assert.Throws<LiveClassException>(() => TextRules.Require(families + "👨‍👩‍👧‍👦", "displayName", 40));
    }

    [Theory]
    [InlineData("Maya")]
    [InlineData("maya")]
    [InlineData("  MAYA ")]
    [InlineData("Ｍａｙａ")]   // full-width letters
    public void A_parent_cannot_take_the_instructors_name(string name)
    {
        var harness = new ClassHarness();
        Assert.Equal("Maya", ClassHarness.InstructorName);

        var error = harness.AssertRejected(ErrorCodes.Invalid, () => harness.Session.CheckParentCanJoin(name));

        Assert.Contains("instructor", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_may_have_a_name_like_the_instructors()
    {
        var harness = new ClassHarness();

        Assert.Equal("Maya's mum", harness.Session.CheckParentCanJoin("Maya's mum"));
    }
}
