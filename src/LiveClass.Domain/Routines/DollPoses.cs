using System.Collections.Frozen;

namespace LiveClass.Domain.Routines;

/// <summary>
/// The motions the web app can draw on the demo doll. A step's <c>DollPose</c> is always one of these ids;
/// they are part of the wire contract, so add new ones but never rename.
/// </summary>
public static class DollPoses
{
    /// <summary>Every pose id the web app knows how to draw.</summary>
    public static IReadOnlySet<string> All { get; } = new[]
    {
        Rest, GlideAway, GlideToward, Roll, Press, Clockwise, Circles, Open, Cross, Paddle, Bend, Sweep,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Resting hands, still on the area (asking permission, settling, closing).</summary>
    public const string Rest = "rest";

    /// <summary>Long strokes away from the heart, toward the hands or feet.</summary>
    public const string GlideAway = "glide-away";

    /// <summary>Long strokes toward the heart.</summary>
    public const string GlideToward = "glide-toward";

    /// <summary>Rolling a limb, finger or toe softly between the hands.</summary>
    public const string Roll = "roll";

    /// <summary>Small thumb or fingertip presses.</summary>
    public const string Press = "press";

    /// <summary>Circles clockwise as the parent sees them (the tummy).</summary>
    public const string Clockwise = "clockwise";

    /// <summary>Small circles with the fingertips or thumbs.</summary>
    public const string Circles = "circles";

    /// <summary>Strokes from the centre outward.</summary>
    public const string Open = "open";

    /// <summary>Diagonal or crossing strokes and movements.</summary>
    public const string Cross = "cross";

    /// <summary>Hand over hand, paddling downward.</summary>
    public const string Paddle = "paddle";

    /// <summary>Knees bent up to the tummy, or bicycling.</summary>
    public const string Bend = "bend";

    /// <summary>Long sweeps over the back, baby tummy-down.</summary>
    public const string Sweep = "sweep";
}
