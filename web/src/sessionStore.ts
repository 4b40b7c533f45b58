// What a session keeps in this browser between visits: its membership (token, last seq) and a
// cached copy of the class, written a moment after changes so a burst of events is one write.
import type { SessionEnd } from './connection';
import { normalizeJoinCode } from './joincode';
import type { OutboxItem } from './outbox';
import type { JoinResult, Role } from './protocol';
import type { ClassState } from './state';
import * as storage from './storage';

const PERSIST_DELAY_MS = 250;

/** Who the session is in the class now, as far as storing it goes. */
export interface StoredSeat {
  state: ClassState | null;
  role: Role | null;
  participantId: string | null;
  ended: boolean;
}

export class SessionStore {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly seat: () => StoredSeat) {}

  /** The class as this browser last saw it, to show at once while it connects. */
  static cachedState(classId: string, membership: storage.Membership | null): ClassState | null {
    if (!membership?.participantId) return null;
    return storage.loadCachedState(classId, membership.role, membership.participantId);
  }

  /** Chat lines an earlier visit as this family could not post. */
  static unsentLines(classId: string, membership: storage.Membership | null): storage.UnsentLine[] {
    if (!membership?.participantId) return [];
    return storage.loadUnsentLines(classId, membership.role, membership.participantId);
  }

  /** Keeps the lines still to post (not those the server refused for good), replacing what was kept. */
  static keepUnsent(classId: string, role: Role, participantId: string, items: readonly OutboxItem[]): void {
    const unsent = items
      .filter((i) => i.state !== 'failed')
      .map(({ clientMessageId, text }) => ({ clientMessageId, text }));
    storage.saveUnsentLines(classId, role, participantId, unsent);
  }

  /** Keeps a join's token; a name and code not given are kept from the previous membership. */
  rememberJoin(result: JoinResult, extra: { displayName?: string; joinCode?: string }): void {
    const classId = result.snapshot.classId;
    const previous = storage.loadMembership(classId, result.role);
    storage.saveMembership(classId, {
      rejoinToken: result.rejoinToken,
      participantId: result.participantId,
      lastSeq: result.snapshot.seq,
      role: result.role,
      displayName: extra.displayName ?? previous?.displayName ?? null,
      joinCode: extra.joinCode ?? previous?.joinCode ?? null,
    });
    if (extra.joinCode) storage.saveJoinCode(classId, extra.joinCode);
    if (result.role === 'Parent') storage.clearRemoval(classId);
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.persist();
    }, PERSIST_DELAY_MS);
  }

  /** Writes now what is still waiting to be written. */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.persist();
  }

  /** The class closed its door to this browser: its token, or all it kept of a deleted class, goes. */
  forget(classId: string, role: Role | null, reason: SessionEnd['reason']): void {
    if (role && (reason === 'removed' || reason === 'forbidden')) {
      storage.clearMembership(classId, role);
      if (role === 'Parent') storage.markRemoved(classId, reason, Date.now());
    }
    // The class is gone (deleted after its retention): its key and tokens open nothing any more.
    if (reason === 'not_found') storage.forgetClass(classId);
    // Ended: the key still opens the recap until the class is deleted; forgotten with the other ended classes.
    if (reason === 'class_ended') storage.markEnded(classId, Date.now());
  }

  private persist(): void {
    const { state, role, participantId, ended } = this.seat();
    if (state?.status === 'Ended') storage.markEnded(state.classId, Date.now());
    if (!state || !role || !participantId || ended) return;
    // A device that came in by a family link never saw the code; a rejoin form after a removal needs it.
    const joinCode = state.joinCode ? normalizeJoinCode(state.joinCode) : null;
    if (joinCode && storage.loadJoinCode(state.classId) !== joinCode) storage.saveJoinCode(state.classId, joinCode);
    storage.updateMembership(state.classId, role, participantId, state.seq);
    storage.saveCachedState(role, participantId, state);
  }
}
