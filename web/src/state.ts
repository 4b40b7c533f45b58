// Pure class state: a snapshot plus events applied in seq order. No I/O here, so the rules of
// rule 1 of docs/protocol.md (order, duplicates, buffering, gaps) can be tested directly.
import type { ChatMessage, CheckInStatus, ClassEvent, Participant, RejoinResult, Snapshot, Step } from './protocol';
import { t, tn } from './i18n';
import { CHECK_IN_STATUSES } from './protocol';

/** A client keeps more than the snapshot's 200 lines, but not without bound. */
export const MAX_CHAT = 1000;

export type ClassState = Omit<Snapshot, 'serverTime'>;

export function stateFromSnapshot(snapshot: Snapshot): ClassState {
  return {
    classId: snapshot.classId,
    title: snapshot.title,
    instructorName: snapshot.instructorName,
    status: snapshot.status,
    routine: { ...snapshot.routine, steps: [...snapshot.routine.steps] },
    stepIndex: snapshot.stepIndex,
    cue: snapshot.cue ?? null,
    tempo: snapshot.tempo ?? null,
    participants: [...snapshot.participants],
    chat: dedupeChat(snapshot.chat),
    seq: snapshot.seq,
    joinCode: snapshot.joinCode ?? null,
  };
}

function dedupeChat(chat: ChatMessage[]): ChatMessage[] {
  const seen = new Set<string>();
  const out: ChatMessage[] = [];
  for (const m of chat) {
    if (!seen.has(m.messageId)) {
      seen.add(m.messageId);
      out.push(m);
    }
  }
  return out.slice(-MAX_CHAT);
}

function upsertParticipant(list: Participant[], p: Participant): Participant[] {
  const i = list.findIndex((x) => x.participantId === p.participantId);
  if (i < 0) return [...list, p];
  const copy = [...list];
  copy[i] = p;
  return copy;
}

function updateParticipant(list: Participant[], id: string, change: (p: Participant) => Participant): Participant[] {
  return list.map((p) => (p.participantId === id ? change(p) : p));
}

/** Applies one event, returning a new state. It does not check seq; the Sequencer does. */
export function applyEvent(state: ClassState, event: ClassEvent): ClassState {
  const next: ClassState = { ...state, seq: event.seq };
  switch (event.kind) {
    case 'ParticipantJoined':
      next.participants = upsertParticipant(state.participants, event.participant);
      break;
    case 'PresenceChanged':
      next.participants = updateParticipant(state.participants, event.participantId, (p) => ({
        ...p,
        online: event.online,
      }));
      break;
    case 'ParticipantLeft':
    case 'ParticipantRemoved':
      next.participants = state.participants.filter((p) => p.participantId !== event.participantId);
      break;
    case 'ClassStatusChanged':
      next.status = event.status;
      break;
    case 'StepChanged': {
      next.stepIndex = event.stepIndex;
      if (event.step) next.routine = withStep(state, event.step);
      break;
    }
    case 'CueGiven':
      next.cue = event.cue ?? null;
      break;
    case 'TempoChanged':
      next.tempo = event.tempo ?? null;
      break;
    case 'ChatPosted':
      if (!state.chat.some((m) => m.messageId === event.message.messageId)) {
        next.chat = [...state.chat, event.message].slice(-MAX_CHAT);
      }
      break;
    case 'ChatDeleted':
      next.chat = state.chat.filter((m) => m.messageId !== event.messageId);
      break;
    case 'CheckedIn':
      next.participants = updateParticipant(state.participants, event.participantId, (p) => ({
        ...p,
        checkIn: event.checkIn ?? null,
      }));
      break;
    default:
      // An event kind added by a later protocol version: its seq still counts.
      break;
  }
  return next;
}

function withStep(state: ClassState, step: Step): ClassState['routine'] {
  const steps = [...state.routine.steps];
  if (step.index >= 0 && step.index < steps.length) steps[step.index] = step;
  return { ...state.routine, steps };
}

export interface Applied {
  event: ClassEvent;
  /** false for history delivered by Rejoin: render it, but never notify for it. */
  live: boolean;
}

export interface SequencerResult {
  applied: Applied[];
  /** Set when an event was skipped: the caller must Rejoin(token, lastApplied). */
  gap: boolean;
  snapshotApplied: boolean;
}

/**
 * Orders events by seq. Live events that arrive before the join/rejoin result, or ahead of a
 * missing one, wait in a buffer; anything at or below the last applied seq is dropped.
 */
export class Sequencer {
  private current: ClassState | null = null;
  private readonly buffer = new Map<number, ClassEvent>();
  private awaiting = true;

  get state(): ClassState | null {
    return this.current;
  }

  get lastApplied(): number {
    return this.current?.seq ?? 0;
  }

  /** True while a join or rejoin result is outstanding: live events are only buffered. */
  get isAwaitingResult(): boolean {
    return this.awaiting;
  }

  get bufferedCount(): number {
    return this.buffer.size;
  }

  /** Call before sending a join or rejoin. */
  beginSync(): void {
    this.awaiting = true;
  }

  /** Call when a join or rejoin failed, so that live events flow again if state exists. */
  abortSync(): SequencerResult {
    this.awaiting = false;
    return this.drain([], false);
  }

  /** Restores state kept from an earlier page (its seq is what Rejoin asks after). */
  restore(state: ClassState): void {
    this.current = state;
  }

  /** A live ClassEvent from the hub. */
  receive(event: ClassEvent): SequencerResult {
    if (event.seq <= this.lastApplied && this.current) {
      return { applied: [], gap: false, snapshotApplied: false };
    }
    if (!this.buffer.has(event.seq)) this.buffer.set(event.seq, event);
    if (this.awaiting || !this.current) {
      return { applied: [], gap: false, snapshotApplied: false };
    }
    return this.drain([], false);
  }

  /** The snapshot of a JoinResult. */
  applySnapshot(snapshot: Snapshot): SequencerResult {
    this.awaiting = false;
    this.current = stateFromSnapshot(snapshot);
    return this.drain([], true);
  }

  /** A RejoinResult: either a snapshot or the events after the seq we asked from. */
  applyRejoin(result: RejoinResult): SequencerResult {
    if (result.snapshot) return this.applySnapshot(result.snapshot);
    this.awaiting = false;
    const applied: Applied[] = [];
    const events = [...(result.events ?? [])].sort((a, b) => a.seq - b.seq);
    for (const event of events) {
      if (!this.current) break;
      if (event.seq <= this.current.seq) continue;
      if (event.seq !== this.current.seq + 1) {
        // The server promised every event after lastSeq; a hole means ask again.
        this.buffer.set(event.seq, event);
        continue;
      }
      this.current = applyEvent(this.current, event);
      this.buffer.delete(event.seq);
      applied.push({ event, live: false });
    }
    return this.drain(applied, false);
  }

  private drain(applied: Applied[], snapshotApplied: boolean): SequencerResult {
    if (!this.current) return { applied, gap: false, snapshotApplied };
    for (const seq of [...this.buffer.keys()]) {
      if (seq <= this.current.seq) this.buffer.delete(seq);
    }
    let next = this.buffer.get(this.current.seq + 1);
    while (next) {
      this.buffer.delete(next.seq);
      this.current = applyEvent(this.current, next);
      applied.push({ event: next, live: true });
      next = this.buffer.get(this.current.seq + 1);
    }
    const gap = !this.awaiting && this.buffer.size > 0;
    return { applied, gap, snapshotApplied };
  }
}

// ---- derived views of the state ----

export function currentStep(state: ClassState): Step | null {
  return state.routine.steps[state.stepIndex] ?? null;
}

export function parents(state: ClassState): Participant[] {
  return state.participants.filter((p) => p.role === 'Parent');
}

export type CheckInCounts = Record<CheckInStatus, number> & { none: number };

export function checkInCounts(participants: Participant[]): CheckInCounts {
  const counts = { none: 0 } as CheckInCounts;
  for (const s of CHECK_IN_STATUSES) counts[s] = 0;
  for (const p of participants) {
    if (p.role !== 'Parent') continue;
    const status = p.checkIn?.status;
    if (status && status in counts) counts[status] += 1;
    else counts.none += 1;
  }
  return counts;
}

/** "6 ready, 1 break, 1 needs help" — only the statuses that anyone has. */
export function checkInSummary(counts: CheckInCounts): string {
  const parts: string[] = [];
  for (const key of [...CHECK_IN_STATUSES, 'none'] as const) {
    if (counts[key] > 0) parts.push(tn(`count.${key}`, counts[key]));
  }
  return parts.length ? parts.join(', ') : t('count.empty');
}
