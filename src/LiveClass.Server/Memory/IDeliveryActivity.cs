namespace LiveClass.Server.Memory;

/// <summary>How many class events this silo has handed to its connections since it started.</summary>
public interface IDeliveryActivity
{
    long EventsDelivered { get; }
}
