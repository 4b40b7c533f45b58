namespace LiveClass.Contracts;

/// <summary>
/// The calls a client makes on the class hub at <see cref="HubNames.Path"/>. The server's hub
/// implements it and the .NET client calls through it, so a method's name and parameters are
/// declared once. Calls that change the class answer with the <c>seq</c> of the event they made.
/// </summary>
public interface IClassHub
{
    /// <summary>Joins the class as its instructor, with the key given when the class was created.</summary>
    Task<JoinResult> JoinAsInstructor(string? classId, string? instructorKey);

    /// <summary>Joins the class as a family, with the class's join code and the name others see.</summary>
    Task<JoinResult> JoinAsParent(string? joinCode, string? displayName);

    /// <summary>
    /// Comes back as the participant the token names, on any connection: the events after
    /// <paramref name="lastSeq"/>, or a snapshot when those are not all kept (or it is 0 or null).
    /// </summary>
    Task<RejoinResult> Rejoin(string? rejoinToken, long? lastSeq);

    /// <summary>Instructor: the class goes live.</summary>
    Task<long> StartClass();

    /// <summary>Instructor: pauses a live class.</summary>
    Task<long> PauseClass();

    /// <summary>Instructor: resumes a paused class.</summary>
    Task<long> ResumeClass();

    /// <summary>Instructor: ends the class for good.</summary>
    Task<long> EndClass();

    /// <summary>Instructor: moves everyone to the step at <paramref name="index"/> of the routine.</summary>
    Task<long> GoToStep(int? index);

    /// <summary>Instructor: a pacing cue (<see cref="CueKind"/> by name), with a count or a text where the kind takes one.</summary>
    Task<long> SendCue(string? kind, int? count, string? text);

    /// <summary>Instructor: the stroke tempo guide; 0 stops it.</summary>
    Task<long> SetTempo(int? strokesPerMinute);

    /// <summary>Instructor: takes a family out of the class; its tokens stop working.</summary>
    Task<long> RemoveParticipant(string? participantId);

    /// <summary>Instructor: deletes a chat message.</summary>
    Task<long> DeleteChat(string? messageId);

    /// <summary>Posts to the chat; sending the same <paramref name="clientMessageId"/> again answers the same seq.</summary>
    Task<long> SendChat(string? clientMessageId, string? text);

    /// <summary>Tells the instructor how the family is doing (<see cref="CheckInStatus"/> by name), at a step or none.</summary>
    Task<long> CheckIn(string? status, int? stepIndex);

    /// <summary>Leaves the class: the family is no longer one of its participants.</summary>
    Task Leave();

    /// <summary>Answers at once with the client's time and the server's, to measure the round trip and the clock offset.</summary>
    Task<PingResult> Ping(long? clientTime);
}
