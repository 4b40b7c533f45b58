using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>The newest chat messages of a class, as many as a snapshot carries.</summary>
public sealed class ChatHistory(List<ChatMessage> messages, int capacity)
{
    public IReadOnlyList<ChatMessage> Messages => messages;

    public bool Contains(string? messageId) => messageId is not null && messages.Exists(m => m.MessageId == messageId);

    /// <summary>What an event does to the chat.</summary>
    public void Apply(ClassEvent evt)
    {
        switch (evt.Kind)
        {
            case ClassEventKind.ChatPosted when evt.Message is { } message:
                messages.Add(message);
                messages.TrimFront(capacity);
                break;
            case ClassEventKind.ChatDeleted:
                Remove(evt.MessageId);
                break;
        }
    }

    // Its own method: a lambda over Apply's event would allocate its closure on every event applied.
    private void Remove(string? messageId) => messages.RemoveAll(m => m.MessageId == messageId);
}
