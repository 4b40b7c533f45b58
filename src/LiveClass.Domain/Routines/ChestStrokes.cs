using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>Week 3, first half: the chest.</summary>
internal static class ChestStrokes
{
    public static readonly Stroke RestingHands = new(
        BodyArea.Chest, "Resting hands on the chest", 1, DollPoses.Rest,
        "Show your palms and ask, \"May I massage your chest?\" "
        + "Rest your hands lightly on the chest and feel it rise and fall with your baby's breathing.",
        "Ask permission before starting the chest",
        "The chest feels more exposed; go slowly and watch the face");

    public static readonly Stroke OpenBook = new(
        BodyArea.Chest, "Open book", 3, DollPoses.Open,
        "Place both hands flat together in the middle of the chest. "
        + "Slide them out along the ribs to the sides, then round and back to the middle, as if smoothing open the pages of a book.",
        "From the centre outward, hands flat",
        "Light over the breastbone");

    public static readonly Stroke Butterfly = new(
        BodyArea.Chest, "Butterfly", 3, DollPoses.Cross,
        "Start with both hands at the lower sides of the ribs. "
        + "One hand glides diagonally across the chest to the opposite shoulder and back; then the other hand crosses the other way.",
        "Diagonal strokes, alternating hands",
        "Gentle at the shoulder; never tug it");

    public static readonly Stroke Integration = new(
        BodyArea.Chest, "Integration", 2, DollPoses.GlideAway,
        "Sweep both hands from the chest down over the tummy and legs to the feet, "
        + "then from the shoulders down the arms to the hands, linking the chest to the rest of the body.",
        "Connects the chest with the areas already done",
        "Watch for turning away or arching; pause with resting hands");

    /// <summary>The whole chest sequence, opening with permission.</summary>
    public static IReadOnlyList<Stroke> Section => [RestingHands, OpenBook, Butterfly, Integration];

    /// <summary>A short recap for later weeks.</summary>
    public static IReadOnlyList<Stroke> Review => [RestingHands, OpenBook];
}
