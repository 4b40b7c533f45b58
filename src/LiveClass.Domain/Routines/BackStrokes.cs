using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>Week 4, second half: the back, with the baby across the lap or tummy-down.</summary>
internal static class BackStrokes
{
    public static readonly Stroke RestingHands = new(
        BodyArea.Back, "Resting hands on the back", 1, DollPoses.Rest,
        "Ask, \"May I massage your back?\", then lay your baby tummy-down across your lap or on the mat, face turned to one side and free. "
        + "Rest both hands flat on the back for a few breaths.",
        "Baby across the lap or tummy-down, face free",
        "Ask permission before the back",
        "Not every baby likes lying on the tummy; skip the back if fussing");

    public static readonly Stroke BackAndForth = new(
        BodyArea.Back, "Back and forth", 3, DollPoses.Sweep,
        "Lay both hands across the back at the shoulders. "
        + "Move them back and forth in opposite directions while travelling slowly down to the bottom and up again.",
        "Hands move in opposite directions across the back");

    public static readonly Stroke Swooping = new(
        BodyArea.Back, "Swooping", 3, DollPoses.Sweep,
        "Keep one hand resting on the bottom. "
        + "With the other, sweep from the neck down the whole back to the bottom, and later carry the sweep on down the legs to the feet.",
        "Long, slow sweeps from neck to bottom, then to the feet");

    public static readonly Stroke SmallCircles = new(
        BodyArea.Back, "Small circles", 2, DollPoses.Circles,
        "With your fingertips, make small circles down both sides of the spine from the shoulders to the bottom, never on the spine itself.",
        "Beside the spine, never on it",
        "Watch for arching or lifting the head away; pause with resting hands");

    public static readonly Stroke Combing = new(
        BodyArea.Back, "Combing", 3, DollPoses.Sweep,
        "Spread your fingers like a comb and stroke down the back from the shoulders to the bottom, "
        + "a little lighter each time until your touch fades away.",
        "Lighter with every pass, ending in a whisper of touch");

    /// <summary>The whole back sequence, opening with permission.</summary>
    public static IReadOnlyList<Stroke> Section => [RestingHands, BackAndForth, Swooping, SmallCircles, Combing];

    /// <summary>A short recap for later weeks.</summary>
    public static IReadOnlyList<Stroke> Review => [RestingHands, BackAndForth, Combing];
}
