using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>Week 1: legs and feet. Legs come first in every routine because they are the least vulnerable area.</summary>
internal static class LegAndFootStrokes
{
    public static readonly Stroke RestingHands = new(
        BodyArea.Legs, "Resting hands on the legs", 1, DollPoses.Rest,
        "Rub a little oil between your palms so your baby can hear it, show your open hands and ask, "
        + "\"May I massage your legs?\" Wait for a yes in your baby's face or body, then rest both hands softly on the legs for a few breaths.",
        "Ask permission before starting the legs",
        "No massage with fever, illness, open skin, or in the day or two after a vaccination",
        "Crying or asleep? No massage today; the parent can follow on a doll or teddy");

    public static readonly Stroke IndianMilking = new(
        BodyArea.Legs, "Indian milking", 3, DollPoses.GlideAway,
        "Hold the ankle with one hand and cup the other around the top of the thigh. "
        + "Glide down the leg to the foot, then swap hands and repeat, one hand following the other.",
        "Hip to foot, away from the heart: a relaxing stroke",
        "Cupped hand wraps the whole leg; firm but gentle");

    public static readonly Stroke HugAndGlide = new(
        BodyArea.Legs, "Hug and glide", 3, DollPoses.GlideAway,
        "Wrap both hands around the top of the thigh, side by side. "
        + "Glide down toward the foot while your hands turn gently in opposite directions, staying soft over the knee.",
        "Hands turn in opposite directions; never pull on a joint",
        "Look for engagement: bright eyes, smiles, smooth movements");

    public static readonly Stroke HoldingTheFoot = new(
        BodyArea.Feet, "Holding the foot", 1, DollPoses.Rest,
        "Cup the foot between both hands and stay still for a moment, so your baby feels where your hands are going next.",
        "A settling pause before the foot strokes",
        "A foot pulled away means not now; respect it");

    public static readonly Stroke ThumbOverThumb = new(
        BodyArea.Feet, "Thumb over thumb", 3, DollPoses.GlideAway,
        "Support the ankle with your fingers. With your thumbs taking turns, stroke the sole from the heel up to the toes, one thumb following the other.",
        "Thumbs alternate, heel to toes",
        "Firm enough not to tickle");

    public static readonly Stroke ToeRoll = new(
        BodyArea.Feet, "Toe roll", 2, DollPoses.Roll,
        "Take each toe in turn between your thumb and forefinger and roll it softly, easing it into a tiny stretch as you let go. "
        + "Go from the big toe to the little one.",
        "Roll and stretch gently, never pull",
        "A toe rhyme or song fits well here");

    public static readonly Stroke UnderToes = new(
        BodyArea.Feet, "Under toes", 2, DollPoses.Press,
        "Press softly with your thumb into the little pad just under each toe, working across from the big toe to the little one.",
        "Small, soft presses under the toes");

    public static readonly Stroke ThumbPress = new(
        BodyArea.Feet, "Thumb press", 2, DollPoses.Press,
        "With both thumbs, make small presses close together all over the sole, moving from the heel toward the toes.",
        "Small steady presses, no rubbing",
        "Curling toes are normal");

    public static readonly Stroke TopOfFoot = new(
        BodyArea.Feet, "Top of foot", 3, DollPoses.GlideToward,
        "Hold the foot from underneath. With your thumbs taking turns, stroke the top of the foot from the toes up to the ankle.",
        "Toes to ankle, toward the heart");

    public static readonly Stroke AnkleCircles = new(
        BodyArea.Feet, "Ankle circles", 3, DollPoses.Circles,
        "With your fingertips, trace small circles all around the ankle, on both sides at once, keeping the foot supported.",
        "Light fingertip circles around the ankle");

    public static readonly Stroke SwedishMilking = new(
        BodyArea.Legs, "Swedish milking", 3, DollPoses.GlideToward,
        "Hold the ankle with one hand and cup the other around the leg just above it. "
        + "Glide up from the foot to the hip, then swap hands and repeat, one hand following the other.",
        "This time foot to hip, toward the heart",
        "Same cupped hand as Indian milking");

    public static readonly Stroke Rolling = new(
        BodyArea.Legs, "Rolling", 2, DollPoses.Roll,
        "Hold the leg between your flat palms, one on each side, and roll it gently back and forth as you move from the thigh down to the ankle.",
        "Loose hands: the leg rolls, it is not squeezed",
        "Now repeat the leg strokes on the other leg");

    public static readonly Stroke BottomRelaxer = new(
        BodyArea.Legs, "Bottom relaxer", 2, DollPoses.Circles,
        "Slide your flat hands under your baby's bottom and make slow, gentle circles over both buttocks.",
        "Slow and soothing",
        "Watch for turning away or arching; pause with resting hands");

    public static readonly Stroke Integration = new(
        BodyArea.Legs, "Integration", 2, DollPoses.GlideAway,
        "Place your hands at the bottom and sweep them down both legs together, all the way to the feet, joining everything into one long stroke.",
        "Both legs at once, from the bottom to the toes",
        "Ends the legs: a long, calm stroke");

    /// <summary>The whole legs-and-feet sequence, opening with permission.</summary>
    public static IReadOnlyList<Stroke> Section =>
    [
        RestingHands, IndianMilking, HugAndGlide,
        HoldingTheFoot, ThumbOverThumb, ToeRoll, UnderToes, ThumbPress, TopOfFoot, AnkleCircles,
        SwedishMilking, Rolling, BottomRelaxer, Integration,
    ];

    /// <summary>A short recap for later weeks.</summary>
    public static IReadOnlyList<Stroke> Review => [RestingHands, IndianMilking, SwedishMilking];
}
