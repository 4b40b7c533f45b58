using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>
/// A class's roster, chat history and chat receipts as they were at <see cref="Seq"/>, stored apart
/// from <see cref="ClassSessionState"/> so that an ordinary change does not write them again. The
/// class's log holds every event after <see cref="Seq"/>; loading replays those onto this.
/// </summary>
[GenerateSerializer]
public sealed class RosterAndChatState
{
    [Id(0)] public int Version { get; set; } = 1;
    [Id(1)] public long Seq { get; set; }
    [Id(2)] public List<RosterEntry> Roster { get; set; } = [];
    [Id(3)] public List<ChatMessage> Chat { get; set; } = [];
    /// <summary>The receipts of chat messages up to <see cref="Seq"/>; later ones are in <see cref="ClassSessionState.ChatReceipts"/>.</summary>
    [Id(4)] public List<ChatReceipt> ChatReceipts { get; set; } = [];
}
