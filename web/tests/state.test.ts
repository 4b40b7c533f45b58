import { describe, expect, it } from 'vitest';
import type { ClassEvent } from '../src/protocol';
import {
  applyEvent,
  checkInCounts,
  checkInSummary,
  currentStep,
  MAX_CHAT,
  Sequencer,
  stateFromSnapshot,
} from '../src/state';
import { ev, instructor, message, parent, snapshot, step } from './fixtures';

function joined(snap = snapshot()) {
  const s = new Sequencer();
  s.beginSync();
  s.applySnapshot(snap);
  return s;
}

const seqs = (events: { event: ClassEvent }[]) => events.map((a) => a.event.seq);

describe('snapshot', () => {
  it('becomes the state, with its seq as the last applied', () => {
    const s = joined(snapshot({ seq: 7, stepIndex: 2, status: 'Live' }));
    expect(s.lastApplied).toBe(7);
    expect(s.state?.status).toBe('Live');
    expect(s.state && currentStep(s.state)?.name).toBe('Stroke 3');
    expect(s.isAwaitingResult).toBe(false);
  });

  it('drops duplicate chat lines it carries', () => {
    const m = message('m1');
    const state = stateFromSnapshot(snapshot({ chat: [m, m, message('m2')] }));
    expect(state.chat.map((c) => c.messageId)).toEqual(['m1', 'm2']);
  });

  it('treats missing optional parts as empty', () => {
    const state = stateFromSnapshot({ ...snapshot(), cue: undefined as never, tempo: undefined as never });
    expect(state.cue).toBeNull();
    expect(state.tempo).toBeNull();
  });
});

describe('applying events', () => {
  const base = stateFromSnapshot(snapshot());

  it('adds, updates and removes participants', () => {
    let st = applyEvent(base, ev.joined(2, parent('a', 'Sam')));
    expect(st.participants.map((p) => p.participantId)).toEqual(['p-inst', 'a']);
    st = applyEvent(st, ev.presence(3, 'a', false));
    expect(st.participants.find((p) => p.participantId === 'a')?.online).toBe(false);
    st = applyEvent(st, ev.joined(4, parent('a', 'Sam', { online: true })));
    expect(st.participants.filter((p) => p.participantId === 'a')).toHaveLength(1);
    st = applyEvent(st, ev.removed(5, 'a'));
    expect(st.participants.map((p) => p.participantId)).toEqual(['p-inst']);
    st = applyEvent(applyEvent(st, ev.joined(6, parent('b'))), ev.left(7, 'b'));
    expect(st.participants).toHaveLength(1);
    expect(st.seq).toBe(7);
  });

  it('changes status, step, cue and tempo', () => {
    let st = applyEvent(base, ev.status(2, 'Live'));
    st = applyEvent(st, ev.step(3, 3, step(3, { name: 'Changed name' })));
    st = applyEvent(st, ev.cue(4, 'Repeat', 3));
    st = applyEvent(st, ev.tempo(5, 20, 123));
    expect(st.status).toBe('Live');
    expect(st.stepIndex).toBe(3);
    expect(currentStep(st)?.name).toBe('Changed name');
    expect(st.cue).toMatchObject({ kind: 'Repeat', count: 3 });
    expect(st.tempo).toEqual({ strokesPerMinute: 20, startsAt: 123 });
    // The input state is not changed.
    expect(base.status).toBe('Lobby');
  });

  it('records check-ins', () => {
    let st = applyEvent(base, ev.joined(2, parent('a')));
    st = applyEvent(st, ev.checkIn(3, 'a', { status: 'Ready', stepIndex: 0, at: 5 }));
    expect(st.participants.find((p) => p.participantId === 'a')?.checkIn?.status).toBe('Ready');
  });

  it('inserts chat once and deletes it', () => {
    const m = message('m1');
    let st = applyEvent(base, ev.chat(2, m));
    st = applyEvent(st, ev.chat(3, m));
    expect(st.chat).toHaveLength(1);
    st = applyEvent(st, ev.chat(4, message('m2')));
    st = applyEvent(st, ev.chatDeleted(5, 'm1'));
    expect(st.chat.map((c) => c.messageId)).toEqual(['m2']);
    st = applyEvent(st, ev.chatDeleted(6, 'unknown'));
    expect(st.chat.map((c) => c.messageId)).toEqual(['m2']);
  });

  it('keeps chat bounded', () => {
    let st = base;
    for (let i = 0; i < MAX_CHAT + 5; i++) st = applyEvent(st, ev.chat(i + 2, message(`m${i}`)));
    expect(st.chat).toHaveLength(MAX_CHAT);
    expect(st.chat[0]?.messageId).toBe('m5');
  });

  it('counts an unknown event kind in seq and changes nothing else', () => {
    const odd = { seq: 2, at: 1, actorId: null, kind: 'SomethingNew' } as unknown as ClassEvent;
    const st = applyEvent(base, odd);
    expect(st.seq).toBe(2);
    expect(st.participants).toEqual(base.participants);
  });
});

describe('sequencing', () => {
  it('applies live events in order', () => {
    const s = joined();
    const r1 = s.receive(ev.status(2, 'Live'));
    const r2 = s.receive(ev.step(3, 1));
    expect(seqs(r1.applied)).toEqual([2]);
    expect(seqs(r2.applied)).toEqual([3]);
    expect(r2.applied[0]?.live).toBe(true);
    expect(s.lastApplied).toBe(3);
    expect(s.state?.stepIndex).toBe(1);
  });

  it('drops duplicates and anything at or below the snapshot', () => {
    const s = joined(snapshot({ seq: 5 }));
    expect(s.receive(ev.chat(5, message('old'))).applied).toHaveLength(0);
    expect(s.receive(ev.chat(3, message('older'))).applied).toHaveLength(0);
    expect(seqs(s.receive(ev.chat(6, message('new'))).applied)).toEqual([6]);
    const again = s.receive(ev.chat(6, message('new')));
    expect(again.applied).toHaveLength(0);
    expect(again.gap).toBe(false);
    expect(s.state?.chat.map((m) => m.messageId)).toEqual(['new']);
  });

  it('buffers out-of-order events and reports the gap', () => {
    const s = joined();
    const early = s.receive(ev.step(3, 2));
    expect(early.applied).toHaveLength(0);
    expect(early.gap).toBe(true);
    expect(s.bufferedCount).toBe(1);
    const fill = s.receive(ev.status(2, 'Live'));
    expect(seqs(fill.applied)).toEqual([2, 3]);
    expect(fill.gap).toBe(false);
    expect(s.state).toMatchObject({ status: 'Live', stepIndex: 2, seq: 3 });
  });

  it('buffers events that arrive before the join result', () => {
    const s = new Sequencer();
    s.beginSync();
    expect(s.receive(ev.status(3, 'Live')).applied).toHaveLength(0);
    expect(s.receive(ev.step(2, 4)).applied).toHaveLength(0); // already in the snapshot
    const r = s.applySnapshot(snapshot({ seq: 2, stepIndex: 4 }));
    expect(r.snapshotApplied).toBe(true);
    expect(seqs(r.applied)).toEqual([3]);
    expect(s.state).toMatchObject({ status: 'Live', stepIndex: 4, seq: 3 });
  });

  it('does not report a gap while a rejoin is under way', () => {
    const s = joined();
    s.beginSync();
    const r = s.receive(ev.status(5, 'Live'));
    expect(r.applied).toHaveLength(0);
    expect(r.gap).toBe(false);
    // The rejoin fails (connection dropped): the gap shows again.
    expect(s.abortSync().gap).toBe(true);
  });

  it('applies a rejoin result of events, then the buffered live ones', () => {
    const s = joined(snapshot({ seq: 4 }));
    s.beginSync();
    s.receive(ev.chat(7, message('live')));
    const r = s.applyRejoin({
      participantId: 'a',
      role: 'Parent',
      snapshot: null,
      events: [ev.step(5, 2), ev.cue(6, 'Slow')],
    });
    expect(r.applied.map((a) => [a.event.seq, a.live])).toEqual([
      [5, false],
      [6, false],
      [7, true],
    ]);
    expect(r.gap).toBe(false);
    expect(s.state).toMatchObject({ stepIndex: 2, seq: 7 });
    expect(s.state?.cue?.kind).toBe('Slow');
  });

  it('applies a rejoin result of a snapshot and drops what it already holds', () => {
    const s = joined(snapshot({ seq: 2 }));
    s.beginSync();
    s.receive(ev.step(9, 1)); // included in the snapshot below
    s.receive(ev.chat(11, message('after')));
    const r = s.applyRejoin({
      participantId: 'a',
      role: 'Parent',
      events: [],
      snapshot: snapshot({ seq: 10, stepIndex: 3, chat: [message('m1')] }),
    });
    expect(r.snapshotApplied).toBe(true);
    expect(seqs(r.applied)).toEqual([11]);
    expect(s.state?.stepIndex).toBe(3);
    expect(s.state?.chat.map((m) => m.messageId)).toEqual(['m1', 'after']);
  });

  it('skips rejoin events it already has and flags a hole in them', () => {
    const s = joined(snapshot({ seq: 4 }));
    s.beginSync();
    const r = s.applyRejoin({
      participantId: 'a',
      role: 'Parent',
      snapshot: null,
      events: [ev.status(3, 'Live'), ev.status(4, 'Live'), ev.step(5, 1), ev.step(7, 3)],
    });
    expect(seqs(r.applied)).toEqual([5]);
    expect(r.gap).toBe(true);
    expect(s.lastApplied).toBe(5);
    // Asking again from 5 fills the hole.
    s.beginSync();
    const again = s.applyRejoin({
      participantId: 'a',
      role: 'Parent',
      snapshot: null,
      events: [ev.step(6, 2), ev.step(7, 3)],
    });
    expect(seqs(again.applied)).toEqual([6, 7]);
    expect(again.gap).toBe(false);
  });

  it('ends in the same state whether or not the connection dropped', () => {
    const events: ClassEvent[] = [
      ev.joined(2, parent('a', 'Sam')),
      ev.status(3, 'Live'),
      ev.step(4, 1),
      ev.chat(5, message('m1')),
      ev.cue(6, 'Repeat', 3),
      ev.checkIn(7, 'a', { status: 'Ready', stepIndex: 1, at: 9 }),
      ev.chatDeleted(8, 'm1'),
      ev.step(9, 2),
      ev.chat(10, message('m2')),
      ev.presence(11, 'a', false),
    ];
    const steady = joined();
    for (const e of events) steady.receive(e);

    const dropped = joined();
    for (const e of events.slice(0, 3)) dropped.receive(e);
    // Offline for 5..8; a duplicate of 4 and a late 9 arrive around the rejoin.
    dropped.receive(ev.step(9, 2));
    dropped.beginSync();
    dropped.receive(events[2]);
    dropped.applyRejoin({ participantId: 'a', role: 'Parent', snapshot: null, events: events.slice(2, 8) });
    dropped.receive(events[8]);
    dropped.receive(events[9]);
    expect(dropped.state).toEqual(steady.state);
    expect(dropped.lastApplied).toBe(11);
  });
});

describe('check-in counts', () => {
  const people = [
    instructor,
    parent('a', 'A', { checkIn: { status: 'Ready', stepIndex: 0, at: 1 } }),
    parent('b', 'B', { checkIn: { status: 'Ready', stepIndex: 0, at: 1 } }),
    parent('c', 'C', { checkIn: { status: 'Break', stepIndex: 0, at: 1 } }),
    parent('d', 'D', { checkIn: { status: 'NeedHelp', stepIndex: 0, at: 1 } }),
    parent('e', 'E'),
  ];

  it('counts parents per status, not the instructor', () => {
    const counts = checkInCounts(people);
    expect(counts.Ready).toBe(2);
    expect(counts.Break).toBe(1);
    expect(counts.NeedHelp).toBe(1);
    expect(counts.none).toBe(1);
    expect(counts.Sleeping).toBe(0);
  });

  it('summarises as words', () => {
    expect(checkInSummary(checkInCounts(people))).toBe('2 ready, 1 break, 1 needs help, 1 not checked in');
    expect(checkInSummary(checkInCounts([instructor]))).toBe('No families yet');
  });
});
