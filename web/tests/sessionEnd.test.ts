import { beforeEach, describe, expect, it } from 'vitest';
import { installMemoryStorage } from './memoryStorage';
import { snapshot } from './fixtures';

installMemoryStorage();
const storage = await import('../src/storage');
const { SessionStore } = await import('../src/sessionStore');
const { stateFromSnapshot } = await import('../src/state');
const { classHasEnded, knownJoinCode } = await import('../src/views/family/away');
const { replaceFamilyQuestion } = await import('../src/wording');

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('a device that came in by a "continue on another device" link', () => {
  it('keeps the join code the class showed it, so a rejoin form after a removal has it', () => {
    const state = stateFromSnapshot(snapshot({ joinCode: 'KQ7-M4P' }));
    expect(storage.loadJoinCode('c1')).toBeNull();
    const store = new SessionStore(() => ({ state, role: 'Parent', participantId: 'p1', ended: false }));
    store.schedule();
    store.flush();
    expect(storage.loadJoinCode('c1')).toBe('KQ7M4P');
    expect(knownJoinCode('c1', null)).toBe('KQ7M4P');
  });

  it('knows the code from the class it saw even before it was kept', () => {
    expect(knownJoinCode('c1', stateFromSnapshot(snapshot({ joinCode: 'kq7-m4p' })))).toBe('KQ7M4P');
    expect(knownJoinCode('c1', stateFromSnapshot(snapshot()))).toBeNull();
  });

  it('asks before replacing the family this browser is, in the page’s language', () => {
    expect(replaceFamilyQuestion('The Garcias', 'en')).toBe(
      'This browser is already in this class as The Garcias. Open the class as the family from this link instead?',
    );
    expect(replaceFamilyQuestion(null, 'es')).toBe(
      'Este navegador ya está en esta clase como otra familia. ¿Abrir la clase como la familia de este enlace?',
    );
  });
});

describe('a family whose link no longer works', () => {
  const lookUp = (status: string) => () => Promise.resolve({ status: status as 'Ended' });

  it('is told the class has ended when it has, by what the page saw or by the class look-up', async () => {
    expect(await classHasEnded(stateFromSnapshot(snapshot({ status: 'Ended' })), null)).toBe(true);
    expect(await classHasEnded(null, 'KQ7M4P', lookUp('Ended'))).toBe(true);
  });

  it('is offered to join again while the class goes on, or when nothing can tell', async () => {
    expect(await classHasEnded(null, 'KQ7M4P', lookUp('Live'))).toBe(false);
    expect(await classHasEnded(null, null, lookUp('Ended'))).toBe(false);
    expect(await classHasEnded(null, 'KQ7M4P', () => Promise.reject(new Error('offline')))).toBe(false);
  });
});

describe('a family taken off the class', () => {
  const joined = (participantId: string) => ({
    participantId,
    rejoinToken: `tok-${participantId}`,
    role: 'Parent' as const,
    snapshot: snapshot(),
  });

  it('is remembered as removed in this browser, without its token, so a reload can say why', () => {
    const store = new SessionStore(() => ({ state: null, role: 'Parent', participantId: 'p1', ended: true }));
    store.rememberJoin(joined('p1'), { displayName: 'Lou & Bo', joinCode: 'KQ7M4P' });
    store.forget('c1', 'Parent', 'removed');
    expect(storage.loadMembership('c1', 'Parent')).toBeNull();
    expect(storage.loadRemoval('c1')?.reason).toBe('removed');
    // The code stays, for the form to join again under a new name.
    expect(storage.loadJoinCode('c1')).toBe('KQ7M4P');
  });

  it('remembers a refused token the same way, and forgets both on joining again', () => {
    const store = new SessionStore(() => ({ state: null, role: 'Parent', participantId: 'p1', ended: true }));
    store.forget('c1', 'Parent', 'forbidden');
    expect(storage.loadRemoval('c1')?.reason).toBe('forbidden');
    store.rememberJoin(joined('p2'), { displayName: 'Lou & Bo again' });
    expect(storage.loadRemoval('c1')).toBeNull();
  });

  it('is not remembered for the instructor, nor for a class that only ended', () => {
    const store = new SessionStore(() => ({ state: null, role: 'Instructor', participantId: 'i1', ended: true }));
    store.forget('c1', 'Instructor', 'forbidden');
    store.forget('c2', 'Parent', 'class_ended');
    expect(storage.loadRemoval('c1')).toBeNull();
    expect(storage.loadRemoval('c2')).toBeNull();
  });

  it('is forgotten once the retention of an ended class is over, and with the class', () => {
    storage.markRemoved('c1', 'removed', 0);
    storage.markRemoved('c2', 'removed', 0);
    storage.forgetExpiredClasses(storage.ENDED_RETENTION_MS - 1);
    expect(storage.loadRemoval('c1')?.reason).toBe('removed');
    storage.forgetClass('c2');
    expect(storage.loadRemoval('c2')).toBeNull();
    storage.forgetExpiredClasses(storage.ENDED_RETENTION_MS + 1);
    expect(storage.loadRemoval('c1')).toBeNull();
  });
});
