namespace LiveClass.Tests.Infrastructure;

public enum WireProtocol { Json, MessagePack }
