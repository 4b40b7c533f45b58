// Wire types of LiveClass protocol version 1 (see docs/protocol.md). Field names and enum
// strings must match the server exactly; every time is Unix milliseconds.

// The strings of each enum on the wire; the exported lists and types below are named for docs/protocol.md.
const WIRE_ENUMS = {
  Area: ['Legs', 'Feet', 'Tummy', 'Chest', 'Arms', 'Hands', 'Face', 'Back', 'GentleMovements', 'Relaxation'],
  ClassStatus: ['Lobby', 'Live', 'Paused', 'Ended'],
  CheckInStatus: ['Ready', 'Following', 'Done', 'Break', 'Sleeping', 'Fussy', 'NeedHelp', 'Away'],
  CueKind: ['Slow', 'Repeat', 'Pause', 'AskPermission', 'WatchCues', 'Break', 'Resume', 'Custom'],
} as const;
type WireEnum<K extends keyof typeof WIRE_ENUMS> = (typeof WIRE_ENUMS)[K][number];

export const AREAS = WIRE_ENUMS.Area;
export type Area = WireEnum<'Area'>;
export const CLASS_STATUSES = WIRE_ENUMS.ClassStatus;
export type ClassStatus = WireEnum<'ClassStatus'>;
export const CHECK_IN_STATUSES = WIRE_ENUMS.CheckInStatus;
export type CheckInStatus = WireEnum<'CheckInStatus'>;
export const CUE_KINDS = WIRE_ENUMS.CueKind;
export type CueKind = WireEnum<'CueKind'>;

export type Role = 'Instructor' | 'Parent';

export interface Step {
  index: number;
  /** One of AREAS; a client shows one it does not know by its name. */
  area: string;
  name: string;
  instructions: string;
  repetitions: number;
  dollPose: string;
  cues: string[];
}

export interface Routine {
  id: string;
  name: string;
  steps: Step[];
}

export interface CheckIn {
  status: CheckInStatus;
  stepIndex: number;
  at: number;
}

export interface Participant {
  participantId: string;
  displayName: string;
  role: Role;
  online: boolean;
  checkIn: CheckIn | null;
}

export interface Cue {
  kind: CueKind;
  count: number | null;
  text: string | null;
  at: number;
}

export interface Tempo {
  strokesPerMinute: number;
  startsAt: number;
}

export interface ChatMessage {
  messageId: string;
  participantId: string;
  displayName: string;
  text: string;
  at: number;
}

export interface Snapshot {
  classId: string;
  title: string;
  instructorName: string;
  status: ClassStatus;
  routine: Routine;
  stepIndex: number;
  cue: Cue | null;
  tempo: Tempo | null;
  participants: Participant[];
  chat: ChatMessage[];
  seq: number;
  serverTime: number;
  /** Not part of protocol v1; read when a server adds it. */
  joinCode?: string | null;
}

interface EventBase {
  seq: number;
  at: number;
  actorId: string | null;
}

export type ClassEvent =
  | (EventBase & { kind: 'ParticipantJoined'; participant: Participant })
  | (EventBase & { kind: 'PresenceChanged'; participantId: string; online: boolean })
  | (EventBase & { kind: 'ParticipantLeft'; participantId: string })
  | (EventBase & { kind: 'ParticipantRemoved'; participantId: string })
  | (EventBase & { kind: 'ClassStatusChanged'; status: ClassStatus })
  | (EventBase & { kind: 'StepChanged'; stepIndex: number; step: Step | null })
  | (EventBase & { kind: 'CueGiven'; cue: Cue | null })
  | (EventBase & { kind: 'TempoChanged'; tempo: Tempo | null })
  | (EventBase & { kind: 'ChatPosted'; message: ChatMessage })
  | (EventBase & { kind: 'ChatDeleted'; messageId: string })
  | (EventBase & { kind: 'CheckedIn'; participantId: string; checkIn: CheckIn | null });

export type ClassEventKind = ClassEvent['kind'];

export interface JoinResult {
  participantId: string;
  rejoinToken: string;
  role: Role;
  snapshot: Snapshot;
}

export interface RejoinResult {
  participantId: string;
  role: Role;
  snapshot: Snapshot | null;
  events: ClassEvent[] | null;
}

export interface PingResult {
  clientTime: number;
  serverTime: number;
}

export interface CreateClassRequest {
  title: string;
  instructorName: string;
  routineId: string | null;
}

export interface CreateClassResponse {
  classId: string;
  joinCode: string;
  instructorKey: string;
  parentUrl: string;
  instructorUrl: string;
}

export interface ClassSummary {
  classId: string;
  title: string;
  instructorName: string;
  status: ClassStatus;
  participantCount: number;
}

export const HUB_PATH = '/hubs/class';

/** Hub method names, client to server. */
export const Hub = {
  JoinAsInstructor: 'JoinAsInstructor',
  JoinAsParent: 'JoinAsParent',
  Rejoin: 'Rejoin',
  StartClass: 'StartClass',
  PauseClass: 'PauseClass',
  ResumeClass: 'ResumeClass',
  EndClass: 'EndClass',
  GoToStep: 'GoToStep',
  SendCue: 'SendCue',
  SetTempo: 'SetTempo',
  RemoveParticipant: 'RemoveParticipant',
  DeleteChat: 'DeleteChat',
  SendChat: 'SendChat',
  CheckIn: 'CheckIn',
  Leave: 'Leave',
  Ping: 'Ping',
} as const;

/** The one server-to-client method. */
export const CLASS_EVENT = 'ClassEvent';

/** GET /api/limits: what the server accepts, to check input against before it is sent. */
export interface ClientLimits {
  titleMaxLength: number;
  displayNameMaxLength: number;
  chatMaxLength: number;
  customCueMaxLength: number;
  repeatMaxCount: number;
  tempoMin: number;
  tempoMax: number;
}

/** A Repeat cue's smallest count (protocol v1: 1 to the server's repeatMaxCount). */
export const REPEAT_MIN = 1;

/** GET /api/classes/{classId}/recap, for the instructor (key in the X-Instructor-Key header). */
export interface ClassRecap {
  classId: string;
  title: string;
  instructorName: string;
  status: ClassStatus;
  routineId: string;
  routineName: string;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  keptUntil: number | null;
  families: RecapFamily[];
  checkInsByStep: RecapStepCheckIns[];
  chat: ChatMessage[];
}

export interface RecapFamily {
  participantId: string;
  displayName: string;
  firstJoinedAt: number;
  lastSeenAt: number;
  onlineMs: number;
  /** 'Present', 'Left' or 'Removed'. */
  state: string;
}

export interface RecapStepCheckIns {
  stepIndex: number;
  /** One of AREAS, as in Step. */
  area: string;
  stepName: string;
  counts: { status: CheckInStatus; count: number; participantIds: string[] }[];
}
