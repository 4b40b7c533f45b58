// What a browser keeps between visits, per class. localStorage can throw (private mode,
// quota); the app must still work then, only without resuming after a reload.
import type { Role } from './protocol';
import type { ClassState } from './state';

export interface Membership {
  rejoinToken: string;
  participantId: string;
  lastSeq: number;
  role: Role;
  displayName?: string | null;
  joinCode?: string | null;
}

const PREFIX = 'liveclass.v1.';

/** The parsed JSON kept under key; its shape is the caller's to trust or check. */
function read(store: Storage | undefined, key: string): unknown {
  try {
    const raw = store?.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

function write(store: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === null) store?.removeItem(PREFIX + key);
    else store?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: resuming after reload will not work, the class still does.
  }
}

const local = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);
const session = (): Storage | undefined => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);

// A browser can be both the instructor and a family of one class (e.g. trying it out), so
// memberships are kept per role.
const memberKey = (classId: string, role: Role) => `member.${role}.${classId}`;

export function loadMembership(classId: string, role: Role): Membership | null {
  const m = read(local(), memberKey(classId, role)) as Membership | null;
  return m && typeof m.rejoinToken === 'string' && m.rejoinToken ? m : null;
}

export function saveMembership(classId: string, membership: Membership): void {
  write(local(), memberKey(classId, membership.role), membership);
}

/** Keeps lastSeq current, and fills in the participantId a device link did not carry. */
export function updateMembership(classId: string, role: Role, participantId: string, lastSeq: number): void {
  const m = loadMembership(classId, role);
  if (m && (m.lastSeq !== lastSeq || m.participantId !== participantId)) {
    saveMembership(classId, { ...m, participantId, lastSeq });
  }
}

export function clearMembership(classId: string, role: Role): void {
  write(local(), memberKey(classId, role), null);
  write(session(), stateKey(classId, role), null);
  write(local(), outboxKey(classId, role), null);
}

export function loadInstructorKey(classId: string): string | null {
  return read(local(), `instructorKey.${classId}`) as string | null;
}

export function saveInstructorKey(classId: string, key: string): void {
  write(local(), `instructorKey.${classId}`, key);
}

/** The join code, where this browser learned it (creating the class or joining with it). */
export function loadJoinCode(classId: string): string | null {
  return read(local(), `joinCode.${classId}`) as string | null;
}

export function saveJoinCode(classId: string, joinCode: string): void {
  write(local(), `joinCode.${classId}`, joinCode);
}

// The state itself is kept per tab, so a reload can ask only for the events after its seq.
const stateKey = (classId: string, role: Role) => `state.${role}.${classId}`;

interface CachedState {
  participantId: string;
  state: ClassState;
}

export function loadCachedState(classId: string, role: Role, participantId: string): ClassState | null {
  const cached = read(session(), stateKey(classId, role)) as Partial<CachedState> | null;
  if (!cached || cached.participantId !== participantId || cached.state?.classId !== classId) return null;
  return cached.state;
}

export function saveCachedState(role: Role, participantId: string, state: ClassState): void {
  write(session(), stateKey(state.classId, role), { participantId, state } satisfies CachedState);
}

// Chat lines not yet posted outlive the tab (a phone that kills it, a tab closed while offline):
// the next visit as the same family sends them, each under its clientMessageId, so at most once.
const outboxKey = (classId: string, role: Role) => `outbox.${role}.${classId}`;

export interface UnsentLine {
  clientMessageId: string;
  text: string;
}

interface StoredOutbox {
  participantId: string;
  lines: UnsentLine[];
}

export function loadUnsentLines(classId: string, role: Role, participantId: string): UnsentLine[] {
  const stored = read(local(), outboxKey(classId, role)) as Partial<StoredOutbox> | null;
  if (!stored || stored.participantId !== participantId || !Array.isArray(stored.lines)) return [];
  return (stored.lines as unknown[]).filter(isUnsentLine);
}

function isUnsentLine(value: unknown): value is UnsentLine {
  const line = value as Partial<UnsentLine> | null;
  return typeof line?.clientMessageId === 'string' && typeof line.text === 'string';
}

export function saveUnsentLines(classId: string, role: Role, participantId: string, lines: UnsentLine[]): void {
  const value: StoredOutbox | null = lines.length ? { participantId, lines } : null;
  write(local(), outboxKey(classId, role), value);
}

// ---- Forgetting a class ----

/** How long the server keeps an ended class (the protocol's 24 hours); after it nothing of the class is worth keeping. */
export const ENDED_RETENTION_MS = 24 * 60 * 60 * 1000;

const endedKey = (classId: string) => `ended.${classId}`;

/** Notes when this browser first saw the class ended; its secrets are forgotten once the retention is over. */
export function markEnded(classId: string, seenAt: number): void {
  if (read(local(), endedKey(classId)) === null) write(local(), endedKey(classId), seenAt);
}

// A family taken off the class (removed, or its token refused) is told why again after a reload,
// with the form to join under a new name, instead of "not joined yet".
const removedKey = (classId: string) => `removed.${classId}`;

export interface Removal {
  reason: 'removed' | 'forbidden';
  at: number;
}

export function markRemoved(classId: string, reason: Removal['reason'], at: number): void {
  write(local(), removedKey(classId), { reason, at } satisfies Removal);
}

export function loadRemoval(classId: string): Removal | null {
  const removal = read(local(), removedKey(classId)) as Partial<Removal> | null;
  if (removal?.reason !== 'removed' && removal?.reason !== 'forbidden') return null;
  return typeof removal.at === 'number' ? { reason: removal.reason, at: removal.at } : null;
}

export function clearRemoval(classId: string): void {
  write(local(), removedKey(classId), null);
}

/** Forgets everything this browser keeps about a class: rejoin tokens, instructor key, join code, cached state. */
export function forgetClass(classId: string): void {
  for (const role of ['Parent', 'Instructor'] as const) clearMembership(classId, role);
  write(local(), `instructorKey.${classId}`, null);
  write(local(), `joinCode.${classId}`, null);
  write(local(), endedKey(classId), null);
  clearRemoval(classId);
}

/**
 * Forgets the classes seen ended longer ago than the retention; returns their ids. A removal is
 * forgotten after as long: by then its class has ended and been deleted.
 */
export function forgetExpiredClasses(now: number, retentionMs = ENDED_RETENTION_MS): string[] {
  const store = local();
  const expired: string[] = [];
  const oldRemovals: string[] = [];
  try {
    for (let i = 0; store && i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(PREFIX + 'ended.')) {
        const classId = key.slice((PREFIX + 'ended.').length);
        const seenAt = read(store, endedKey(classId)) as number | null;
        if (typeof seenAt !== 'number' || now - seenAt > retentionMs) expired.push(classId);
      } else if (key?.startsWith(PREFIX + 'removed.')) {
        const classId = key.slice((PREFIX + 'removed.').length);
        const removal = loadRemoval(classId);
        if (!removal || now - removal.at > retentionMs) oldRemovals.push(classId);
      }
    }
  } catch {
    return [];
  }
  for (const classId of expired) forgetClass(classId);
  for (const classId of oldRemovals) clearRemoval(classId);
  return expired;
}

export type LinkTokenOutcome = 'adopted' | 'same' | 'kept';

/**
 * A "continue on another device" link's token. It becomes this browser's family in the class,
 * but if the browser already is a different family there, only when `confirmReplace` says so.
 */
export function adoptLinkToken(
  classId: string,
  token: string,
  confirmReplace: (current: Membership) => boolean,
): LinkTokenOutcome {
  const existing = loadMembership(classId, 'Parent');
  if (existing?.rejoinToken === token) return 'same';
  if (existing && !confirmReplace(existing)) return 'kept';
  write(session(), stateKey(classId, 'Parent'), null);
  clearRemoval(classId);
  saveMembership(classId, { rejoinToken: token, participantId: '', lastSeq: 0, role: 'Parent' });
  return 'adopted';
}
