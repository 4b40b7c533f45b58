namespace LiveClass.Client;

/// <summary>What a <see cref="ClassSequencer"/> did with an event.</summary>
public enum SequenceOutcome
{
    /// <summary>It was the next one: applied.</summary>
    Applied,

    /// <summary>Its seq was already applied (or included in the snapshot): dropped.</summary>
    Duplicate,

    /// <summary>It arrived while a join or rejoin answer is awaited: kept until then.</summary>
    Held,

    /// <summary>It skipped past the next seq: kept, and nothing more is applied until a rejoin fills the gap.</summary>
    Gap,
}
