using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>A class's roster, chat and chat receipts: the parts of it that grow with the families in it.</summary>
public sealed class RosterAndChat(List<RosterEntry> roster, List<ChatMessage> chat, IEnumerable<ChatReceipt> receipts, ClassLimits limits)
{
    public ClassRoster Roster { get; } = new(roster);

    public ChatHistory Chat { get; } = new(chat, limits.ChatHistoryCapacity);

    public ChatReceiptBook Receipts { get; } = new(receipts, limits.EventLogCapacity);

    public static RosterAndChat Empty(ClassLimits limits) => new([], [], [], limits);

    /// <summary>What an event does to roster and chat (receipts are kept by the command that posts).</summary>
    public void Apply(ClassEvent evt)
    {
        Roster.Apply(evt);
        Chat.Apply(evt);
    }
}
