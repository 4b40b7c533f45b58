namespace LiveClass.Contracts;

/// <summary>What the class hub calls on its clients.</summary>
public interface IClassClient
{
    /// <summary>One change to the class the connection has joined, in <c>seq</c> order.</summary>
    Task ClassEvent(ClassEvent evt);
}
