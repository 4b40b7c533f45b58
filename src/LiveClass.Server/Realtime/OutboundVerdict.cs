namespace LiveClass.Server.Realtime;

public enum OutboundVerdict
{
    Accepted,
    TooManyItems,
    TooManyBytes,
    TooOld,
}
