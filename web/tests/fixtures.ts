import type { ChatMessage, CheckIn, ClassEvent, Participant, Snapshot, Step } from '../src/protocol';

export function step(index: number, over: Partial<Step> = {}): Step {
  return {
    index,
    area: 'Legs',
    name: `Stroke ${index + 1}`,
    instructions: `Do stroke ${index + 1}`,
    repetitions: 3,
    dollPose: 'glide-away',
    cues: ['Keep it slow'],
    ...over,
  };
}

export const instructor: Participant = {
  participantId: 'p-inst',
  displayName: 'Ana',
  role: 'Instructor',
  online: true,
  checkIn: null,
};

export function parent(id: string, name = id, over: Partial<Participant> = {}): Participant {
  return { participantId: id, displayName: name, role: 'Parent', online: true, checkIn: null, ...over };
}

export function message(id: string, text = `hello ${id}`, who: Participant = instructor): ChatMessage {
  return { messageId: id, participantId: who.participantId, displayName: who.displayName, text, at: 1000 };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    classId: 'c1',
    title: 'Week 1',
    instructorName: 'Ana',
    status: 'Lobby',
    routine: { id: 'full-body', name: 'Full body', steps: [0, 1, 2, 3, 4].map((i) => step(i)) },
    stepIndex: 0,
    cue: null,
    tempo: null,
    participants: [instructor],
    chat: [],
    seq: 1,
    serverTime: 1_700_000_000_000,
    ...over,
  };
}

let at = 1_700_000_000_000;
const base = (seq: number) => ({ seq, at: (at += 10), actorId: 'p-inst' });

export const ev = {
  joined: (seq: number, p: Participant): ClassEvent => ({ ...base(seq), kind: 'ParticipantJoined', participant: p }),
  presence: (seq: number, participantId: string, online: boolean): ClassEvent => ({
    ...base(seq),
    kind: 'PresenceChanged',
    participantId,
    online,
  }),
  left: (seq: number, participantId: string): ClassEvent => ({ ...base(seq), kind: 'ParticipantLeft', participantId }),
  removed: (seq: number, participantId: string): ClassEvent => ({
    ...base(seq),
    kind: 'ParticipantRemoved',
    participantId,
  }),
  status: (seq: number, status: Snapshot['status']): ClassEvent => ({
    ...base(seq),
    kind: 'ClassStatusChanged',
    status,
  }),
  step: (seq: number, stepIndex: number, s: Step | null = step(stepIndex)): ClassEvent => ({
    ...base(seq),
    kind: 'StepChanged',
    stepIndex,
    step: s,
  }),
  cue: (
    seq: number,
    kind: 'Slow' | 'Repeat' | 'Custom' = 'Slow',
    count: number | null = null,
    text: string | null = null,
  ): ClassEvent => ({ ...base(seq), kind: 'CueGiven', cue: { kind, count, text, at: at } }),
  tempo: (seq: number, strokesPerMinute: number, startsAt = 0): ClassEvent => ({
    ...base(seq),
    kind: 'TempoChanged',
    tempo: { strokesPerMinute, startsAt },
  }),
  chat: (seq: number, m: ChatMessage): ClassEvent => ({ ...base(seq), kind: 'ChatPosted', message: m }),
  chatDeleted: (seq: number, messageId: string): ClassEvent => ({ ...base(seq), kind: 'ChatDeleted', messageId }),
  checkIn: (seq: number, participantId: string, checkIn: CheckIn | null): ClassEvent => ({
    ...base(seq),
    kind: 'CheckedIn',
    participantId,
    checkIn,
  }),
};
