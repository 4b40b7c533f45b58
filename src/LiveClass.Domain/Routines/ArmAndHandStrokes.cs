using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>Week 3, second half: arms and hands, mirroring the leg strokes.</summary>
internal static class ArmAndHandStrokes
{
    public static readonly Stroke RestingHands = new(
        BodyArea.Arms, "Resting hands on the arms", 1, DollPoses.Rest,
        "Show your palms and ask, \"May I massage your arms?\" "
        + "Rest your hands softly on the shoulders and upper arms and wait for your baby's answer.",
        "Ask permission before starting the arms",
        "Many babies keep their arms tucked in; stroke only what is offered");

    public static readonly Stroke PitStop = new(
        BodyArea.Arms, "Pit stop", 2, DollPoses.Press,
        "Lift the arm a little and, with your fingertips, stroke very gently a few times into the armpit.",
        "Fingertips only, very light",
        "Skip it if baby clamps the arm down");

    public static readonly Stroke IndianMilking = new(
        BodyArea.Arms, "Indian milking", 3, DollPoses.GlideAway,
        "Hold the wrist with one hand and cup the other around the top of the arm. "
        + "Glide from the shoulder down to the hand, then swap hands and repeat, one hand following the other.",
        "Shoulder to hand, away from the heart");

    public static readonly Stroke HugAndGlide = new(
        BodyArea.Arms, "Hug and glide", 3, DollPoses.GlideAway,
        "Wrap both hands around the top of the arm and glide down to the wrist, your hands turning gently in opposite directions.",
        "Soft twist; ease off around the elbow");

    public static readonly Stroke HoldingTheHand = new(
        BodyArea.Hands, "Holding the hand", 1, DollPoses.Rest,
        "Rest your hand around your baby's hand, or let them grip your finger, and wait a moment before you start on the palm.",
        "A settling pause before the hand strokes",
        "A tight fist is fine; never force the fingers open");

    public static readonly Stroke PalmStrokeAndFingerRoll = new(
        BodyArea.Hands, "Palm stroke and finger roll", 3, DollPoses.Open,
        "With your thumbs, stroke the palm from its centre out toward the fingers. "
        + "Then roll each finger softly between your thumb and forefinger.",
        "Thumbs open the palm from the centre outward",
        "Roll the fingers, never pull them");

    public static readonly Stroke TopOfHand = new(
        BodyArea.Hands, "Top of hand", 3, DollPoses.GlideToward,
        "Support the hand palm down and stroke the back of it from the fingertips to the wrist.",
        "Fingertips to wrist, toward the heart");

    public static readonly Stroke WristCircles = new(
        BodyArea.Hands, "Wrist circles", 3, DollPoses.Circles,
        "With your fingertips, trace small circles all around the wrist.",
        "Small, light circles around the wrist");

    public static readonly Stroke SwedishMilking = new(
        BodyArea.Arms, "Swedish milking", 3, DollPoses.GlideToward,
        "Hold the wrist with one hand and cup the other around the arm. "
        + "Glide up from the hand to the shoulder, then swap hands and repeat.",
        "Hand to shoulder, toward the heart");

    public static readonly Stroke Rolling = new(
        BodyArea.Arms, "Rolling", 2, DollPoses.Roll,
        "Hold the arm between your flat palms and roll it gently back and forth as you move from the shoulder down to the wrist.",
        "Loose hands, soft rolling",
        "Now repeat the arm strokes on the other arm");

    public static readonly Stroke Integration = new(
        BodyArea.Arms, "Integration", 2, DollPoses.GlideAway,
        "Place your hands on both shoulders and sweep them down both arms together to the hands.",
        "Both arms at once, shoulders to fingertips",
        "Watch for turning away or arching; pause with resting hands");

    /// <summary>The whole arms-and-hands sequence, opening with permission.</summary>
    public static IReadOnlyList<Stroke> Section =>
    [
        RestingHands, PitStop, IndianMilking, HugAndGlide,
        HoldingTheHand, PalmStrokeAndFingerRoll, TopOfHand, WristCircles,
        SwedishMilking, Rolling, Integration,
    ];

    /// <summary>A short recap for later weeks.</summary>
    public static IReadOnlyList<Stroke> Review => [RestingHands, IndianMilking, SwedishMilking];
}
