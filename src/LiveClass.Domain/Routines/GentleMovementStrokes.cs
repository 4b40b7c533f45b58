using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>Week 5: gentle movements, always within what the baby's body allows.</summary>
internal static class GentleMovementStrokes
{
    public static readonly Stroke RestingHands = new(
        BodyArea.GentleMovements, "Resting hands before the movements", 1, DollPoses.Rest,
        "With your baby on their back facing you, ask, \"Shall we stretch and move?\" "
        + "Rest your hands on the chest and tummy until your baby is settled and looking at you.",
        "Ask permission before the movements",
        "Never move past the baby's resistance");

    public static readonly Stroke CrossingTheArms = new(
        BodyArea.GentleMovements, "Crossing the arms", 3, DollPoses.Cross,
        "Hold both wrists, or let your baby grip your thumbs. "
        + "Bring the arms gently across the chest, then open them out wide to the sides.",
        "Never move past the baby's resistance",
        "Stop if the arms stiffen");

    public static readonly Stroke DiagonalCross = new(
        BodyArea.GentleMovements, "Diagonal arm and leg cross", 3, DollPoses.Cross,
        "Hold one hand and the opposite foot and bring them toward each other across the body, only as far as they go easily. "
        + "Open them back out, then change sides.",
        "Never move past the baby's resistance",
        "One hand with the opposite foot, then swap");

    public static readonly Stroke KneesToTummy = new(
        BodyArea.GentleMovements, "Knees to tummy", 3, DollPoses.Bend,
        "Hold both lower legs and bring the knees gently up toward the tummy. "
        + "Hold for a breath, then ease the legs back down and give them a little loosening jiggle.",
        "Never move past the baby's resistance",
        "Can help with wind; hold gently, never push");

    public static readonly Stroke Bicycling = new(
        BodyArea.GentleMovements, "Bicycling", 3, DollPoses.Bend,
        "Bend one knee toward the tummy as the other leg stretches out, then switch, slowly, like pedalling a bicycle.",
        "Never move past the baby's resistance",
        "Slow, even pedalling");

    /// <summary>The whole gentle-movements sequence, opening with permission.</summary>
    public static IReadOnlyList<Stroke> Section =>
        [RestingHands, CrossingTheArms, DiagonalCross, KneesToTummy, Bicycling];
}
