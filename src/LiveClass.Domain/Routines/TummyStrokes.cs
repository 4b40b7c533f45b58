using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>Week 2: the tummy. Every circling stroke goes clockwise as the parent looks at the baby, the way digestion runs.</summary>
internal static class TummyStrokes
{
    public static readonly Stroke RestingHands = new(
        BodyArea.Tummy, "Resting hands on the tummy", 1, DollPoses.Rest,
        "Show your oiled palms and ask, \"May I massage your tummy?\" "
        + "When your baby seems ready, rest one hand flat and still on the tummy for a few breaths.",
        "Ask permission before starting the tummy",
        "Leave the tummy out until the cord area has fully healed",
        "Stay below the ribs for every tummy stroke");

    public static readonly Stroke WaterWheelA = new(
        BodyArea.Tummy, "Water wheel A", 3, DollPoses.Paddle,
        "Using the little-finger edge of your hands, paddle one hand after the other down the tummy, "
        + "from just below the ribs to the top of the legs, as if scooping sand toward you.",
        "Hand over hand, always downward",
        "Soft, flat hands; no digging in");

    public static readonly Stroke WaterWheelB = new(
        BodyArea.Tummy, "Water wheel B", 3, DollPoses.Paddle,
        "With one hand, hold your baby's ankles so the knees bend up toward the tummy. "
        + "With the other hand, paddle slowly down the tummy from below the ribs toward the legs.",
        "Knees lifted to soften the tummy",
        "One hand holds the legs, the other paddles");

    public static readonly Stroke ThumbsToSides = new(
        BodyArea.Tummy, "Thumbs to sides", 3, DollPoses.Open,
        "Lay both thumbs flat beside the belly button and slide them apart, out toward the sides. "
        + "Start a little lower each time until you reach the bottom of the tummy.",
        "From the centre outward, thumbs flat",
        "Light pressure; watch the face for comfort");

    public static readonly Stroke SunAndMoon = new(
        BodyArea.Tummy, "Sun and moon", 3, DollPoses.Clockwise,
        "Your left hand circles clockwise around the belly button without stopping: that is the sun. "
        + "Each time it passes the bottom, your right hand adds a half-moon arc over the top, also clockwise.",
        "Tummy strokes go clockwise, as the parent sees it",
        "The sun hand never stops; the moon joins in");

    public static readonly Stroke ILoveYou = new(
        BodyArea.Tummy, "I love you", 2, DollPoses.Clockwise,
        "Stroke an I straight down your baby's left side (your right). "
        + "Then an upside-down L across the top and down, then an upside-down U all the way round, always clockwise, saying the words as you go.",
        "Clockwise: I, then L, then U, each stroke a little longer",
        "Say \"I love you\" in a warm voice");

    public static readonly Stroke Walking = new(
        BodyArea.Tummy, "Walking", 2, DollPoses.Clockwise,
        "Let your fingertips take small steps around the tummy clockwise: up your left side, across under the ribs and down your right.",
        "Fingertip steps, clockwise",
        "Gurgles and wind are normal; keep watching for cues");

    /// <summary>The whole tummy sequence, opening with permission.</summary>
    public static IReadOnlyList<Stroke> Section =>
        [RestingHands, WaterWheelA, WaterWheelB, ThumbsToSides, SunAndMoon, ILoveYou, Walking];

    /// <summary>A short recap for later weeks.</summary>
    public static IReadOnlyList<Stroke> Review => [RestingHands, WaterWheelA, ILoveYou];
}
