using LiveClass.Contracts;

namespace LiveClass.Domain.Routines;

/// <summary>How every routine ends: stillness and a cuddle.</summary>
internal static class ClosingStrokes
{
    public static readonly Stroke RestAndCuddle = new(
        BodyArea.Relaxation, "Resting hands and cuddle", 1, DollPoses.Rest,
        "Rest one hand on your baby's chest and one on the tummy and stay still and quiet for a moment. "
        + "Then gather your baby up for a cuddle; a feed or a nap may well follow.",
        "Close with stillness, then a cuddle",
        "Babies may be sleepy or hungry now; let families feed or rest");
}
