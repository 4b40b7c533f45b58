import { describe, expect, it } from 'vitest';
import {
  cueAnnouncement,
  endAnnouncement,
  mayPlay,
  repetitionsSpoken,
  returnAnnouncement,
  stepAnnouncement,
} from '../src/announcements';
import type { ClassEvent } from '../src/protocol';
import { stateFromSnapshot } from '../src/state';
import { snapshot } from './fixtures';

describe('hands-free announcements', () => {
  it('say the step short and calm', () => {
    expect(stepAnnouncement(9, 'Top of foot', 3, 'en')).toBe('Step 9, top of foot. About three times.');
    expect(stepAnnouncement(1, 'Resting hands on the legs', 1, 'en')).toBe(
      'Step 1, resting hands on the legs. Once, slowly.',
    );
    expect(stepAnnouncement(12, 'Integration', 12, 'en')).toBe('Step 12, integration. About 12 times.');
    expect(stepAnnouncement(4, 'I love you', 2, 'en')).toBe('Step 4, I love you. About two times.');
    expect(stepAnnouncement(9, 'Parte superior del pie', 3, 'es')).toBe(
      'Paso 9, parte superior del pie. Unas tres veces.',
    );
  });

  it('read small counts as words', () => {
    expect(repetitionsSpoken(0, 'en')).toBe('');
    expect(repetitionsSpoken(10, 'en')).toBe('About ten times.');
    expect(repetitionsSpoken(5, 'es')).toBe('Unas cinco veces.');
  });

  it('say a cue as its title and body, and a custom cue as the instructor wrote it', () => {
    expect(cueAnnouncement({ kind: 'Pause', count: null, text: null, at: 0 }, 'en')).toBe(
      'Pause. Rest your hands still on your baby and breathe.',
    );
    expect(cueAnnouncement({ kind: 'Repeat', count: 2, text: null, at: 0 }, 'es')).toBe(
      'Repetir ×2. Haz este movimiento 2 veces más.',
    );
    expect(cueAnnouncement({ kind: 'Custom', count: null, text: 'Lovely, Ben', at: 0 }, 'en')).toBe(
      'From your instructor. Lovely, Ben',
    );
    expect(cueAnnouncement({ kind: 'Custom', count: null, text: '', at: 0 }, 'en')).toBe('From your instructor.');
  });

  it('play only while the page is in view and the class is live', () => {
    expect(mayPlay({ hidden: false, status: 'Live' })).toBe(true);
    expect(mayPlay({ hidden: true, status: 'Live' })).toBe(false);
    expect(mayPlay({ hidden: false, status: 'Paused' })).toBe(false);
    expect(mayPlay({ hidden: false, status: 'Ended' })).toBe(false);
    expect(mayPlay({ hidden: false, status: 'Lobby' })).toBe(false);
  });
});

describe('the end of the class, said by hands-free', () => {
  const status = (s: 'Ended' | 'Paused', seq = 5): ClassEvent => ({
    seq,
    at: 0,
    actorId: 'p-inst',
    kind: 'ClassStatusChanged',
    status: s,
  });

  it('is said when the class ends as the family follows it, in the page language', () => {
    expect(endAnnouncement([{ event: status('Ended'), live: true }], 'en')).toBe(
      'The class has ended. Thank you for coming.',
    );
    expect(endAnnouncement([{ event: status('Ended'), live: true }], 'es')).toBe(
      'La clase ha terminado. Gracias por venir.',
    );
  });

  it('is not said for an end a rejoin brings as history, nor for another change', () => {
    expect(endAnnouncement([{ event: status('Ended'), live: false }], 'en')).toBeNull();
    expect(endAnnouncement([{ event: status('Paused'), live: true }], 'en')).toBeNull();
    expect(endAnnouncement([], 'en')).toBeNull();
  });
});

describe('coming back after a drop, said by hands-free', () => {
  it('says where a live class is now, in the page language', () => {
    const live = stateFromSnapshot(snapshot({ status: 'Live', stepIndex: 2 }));
    expect(returnAnnouncement(live, 'en')).toBe('Back in the class. Step 3, stroke 3. About three times.');
    expect(returnAnnouncement(live, 'es')).toBe('De vuelta en la clase. Paso 3, stroke 3. Unas tres veces.');
  });

  it('says only that the family is back when there is no step to follow now', () => {
    expect(returnAnnouncement(stateFromSnapshot(snapshot({ status: 'Paused', stepIndex: 2 })), 'en')).toBe(
      'Back in the class.',
    );
    expect(returnAnnouncement(stateFromSnapshot(snapshot({ status: 'Lobby' })), 'en')).toBe('Back in the class.');
  });
});
