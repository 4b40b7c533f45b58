using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>Week 4, first half: the face, usually without oil.</summary>
internal static class FaceStrokes
{
    public static readonly Stroke RestingHands = new(
        BodyArea.Face, "Resting hands for the face", 1, DollPoses.Rest,
        "Wipe any oil off your hands first. Show your palms and ask, \"May I touch your face?\", "
        + "then rest your hands lightly on either side of your baby's head for a moment.",
        "Face usually without oil; wipe hands first",
        "Ask permission before the face; it is a very personal area",
        "Turning away? Leave the face for another day");

    public static readonly Stroke OpenBookOnForehead = new(
        BodyArea.Face, "Open book on the forehead", 3, DollPoses.Open,
        "Place the flats of your fingers together in the middle of the forehead and stroke outward to the temples, like opening a book.",
        "From the middle of the forehead outward",
        "Face usually without oil");

    public static readonly Stroke Eyebrows = new(
        BodyArea.Face, "Eyebrows", 2, DollPoses.Open,
        "With your thumbs, stroke gently along the eyebrows from the middle out to the ends.",
        "On the brow bone, well clear of the eyes");

    public static readonly Stroke NoseAndCheeks = new(
        BodyArea.Face, "Bridge of the nose and cheeks", 2, DollPoses.Open,
        "Start with your thumbs at the bridge of the nose, stroke down along its sides and then out across the cheeks.",
        "Feather-light; keep clear of the nostrils");

    public static readonly Stroke Smiles = new(
        BodyArea.Face, "Smile above and below the lips", 2, DollPoses.Open,
        "Put your thumbs together just above the upper lip and stroke outward and a little up, drawing a smile. "
        + "Then draw a second smile the same way just below the lower lip.",
        "Smile back at the baby while drawing the smiles");

    public static readonly Stroke JawCircles = new(
        BodyArea.Face, "Small circles on the jaw", 2, DollPoses.Circles,
        "With your fingertips, make small circles along the jaw, working back toward the ears.",
        "Relaxes the jaw; often welcome when teething",
        "Watch for turning away or grimacing; pause with resting hands");

    public static readonly Stroke EarsAndChin = new(
        BodyArea.Face, "Ears and under the chin", 2, DollPoses.Circles,
        "Make small circles with your fingertips behind the ears, then stroke down along the jaw so your fingers meet under the chin.",
        "Finish the face gently under the chin");

    /// <summary>The whole face sequence, opening with permission.</summary>
    public static IReadOnlyList<Stroke> Section =>
        [RestingHands, OpenBookOnForehead, Eyebrows, NoseAndCheeks, Smiles, JawCircles, EarsAndChin];

    /// <summary>A short recap for later weeks.</summary>
    public static IReadOnlyList<Stroke> Review => [RestingHands, OpenBookOnForehead, Smiles];
}
