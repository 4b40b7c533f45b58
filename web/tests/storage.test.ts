import { beforeEach, describe, expect, it } from 'vitest';
import { installMemoryStorage } from './memoryStorage';

installMemoryStorage();
const storage = await import('../src/storage');

const HOUR = 60 * 60 * 1000;

function joinAsFamily(classId: string, token: string, displayName = 'The Garcias') {
  storage.saveMembership(classId, { rejoinToken: token, participantId: 'p1', lastSeq: 7, role: 'Parent', displayName });
}

describe('forgetting a class', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('keeps the instructor key and tokens of an ended class within its retention', () => {
    storage.saveInstructorKey('c1', 'key-1');
    joinAsFamily('c1', 'token-1');
    storage.markEnded('c1', 0);

    expect(storage.forgetExpiredClasses(23 * HOUR)).toEqual([]);
    expect(storage.loadInstructorKey('c1')).toBe('key-1');
    expect(storage.loadMembership('c1', 'Parent')?.rejoinToken).toBe('token-1');
  });

  it('forgets the instructor key, tokens and join code once the retention is over', () => {
    storage.saveInstructorKey('c1', 'key-1');
    storage.saveJoinCode('c1', 'KQ7-M4P');
    joinAsFamily('c1', 'token-1');
    storage.saveMembership('c1', { rejoinToken: 'token-i', participantId: 'i', lastSeq: 3, role: 'Instructor' });
    storage.markEnded('c1', 0);
    storage.markEnded('c1', 20 * HOUR); // seen ended again later: the first sighting counts
    storage.saveInstructorKey('c2', 'key-2');

    expect(storage.forgetExpiredClasses(25 * HOUR)).toEqual(['c1']);

    expect(storage.loadInstructorKey('c1')).toBeNull();
    expect(storage.loadJoinCode('c1')).toBeNull();
    expect(storage.loadMembership('c1', 'Parent')).toBeNull();
    expect(storage.loadMembership('c1', 'Instructor')).toBeNull();
    expect(storage.loadInstructorKey('c2')).toBe('key-2');
    expect(storage.forgetExpiredClasses(50 * HOUR)).toEqual([]);
  });

  it('forgets a class the server no longer has', () => {
    storage.saveInstructorKey('c1', 'key-1');
    joinAsFamily('c1', 'token-1');

    storage.forgetClass('c1');

    expect(storage.loadInstructorKey('c1')).toBeNull();
    expect(storage.loadMembership('c1', 'Parent')).toBeNull();
  });
});

describe('a device link', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('becomes the family when this browser is none yet, without asking', () => {
    let asked = false;
    expect(
      storage.adoptLinkToken('c1', 'token-link', () => {
        asked = true;
        return false;
      }),
    ).toBe('adopted');
    expect(asked).toBe(false);
    expect(storage.loadMembership('c1', 'Parent')?.rejoinToken).toBe('token-link');
  });

  it('asks before replacing the family this browser already is, and keeps it when told no', () => {
    joinAsFamily('c1', 'token-mine', 'The Okafors');
    let askedAbout: string | null | undefined;

    const outcome = storage.adoptLinkToken('c1', 'token-link', (current) => {
      askedAbout = current.displayName;
      return false;
    });

    expect(outcome).toBe('kept');
    expect(askedAbout).toBe('The Okafors');
    expect(storage.loadMembership('c1', 'Parent')?.rejoinToken).toBe('token-mine');
  });

  it('replaces the family when told yes', () => {
    joinAsFamily('c1', 'token-mine');

    expect(storage.adoptLinkToken('c1', 'token-link', () => true)).toBe('adopted');
    expect(storage.loadMembership('c1', 'Parent')?.rejoinToken).toBe('token-link');
  });

  it('changes nothing and asks nothing for the token it already has', () => {
    joinAsFamily('c1', 'token-mine');

    expect(
      storage.adoptLinkToken('c1', 'token-mine', () => {
        throw new Error('must not ask');
      }),
    ).toBe('same');
    expect(storage.loadMembership('c1', 'Parent')?.lastSeq).toBe(7);
  });
});

describe('chat lines not yet posted', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('outlive the tab for the same family, and only for it', () => {
    joinAsFamily('c1', 'token-1');
    storage.saveUnsentLines('c1', 'Parent', 'p1', [{ clientMessageId: 'm1', text: 'Back in a minute' }]);

    expect(storage.loadUnsentLines('c1', 'Parent', 'p1')).toEqual([
      { clientMessageId: 'm1', text: 'Back in a minute' },
    ]);
    expect(storage.loadUnsentLines('c1', 'Parent', 'p2')).toEqual([]);
    expect(storage.loadUnsentLines('c1', 'Instructor', 'p1')).toEqual([]);
  });

  it('go with the membership, and when none are left', () => {
    storage.saveUnsentLines('c1', 'Parent', 'p1', [{ clientMessageId: 'm1', text: 'Hello' }]);
    storage.clearMembership('c1', 'Parent');
    expect(storage.loadUnsentLines('c1', 'Parent', 'p1')).toEqual([]);

    storage.saveUnsentLines('c2', 'Parent', 'p1', [{ clientMessageId: 'm2', text: 'Hi' }]);
    storage.saveUnsentLines('c2', 'Parent', 'p1', []);
    expect(localStorage.length).toBe(0);
  });

  it('ignore what is not a line', () => {
    localStorage.setItem(
      'liveclass.v1.outbox.Parent.c1',
      JSON.stringify({ participantId: 'p1', lines: [null, { text: 'no id' }, { clientMessageId: 'm3', text: 'ok' }] }),
    );
    expect(storage.loadUnsentLines('c1', 'Parent', 'p1')).toEqual([{ clientMessageId: 'm3', text: 'ok' }]);
  });
});
