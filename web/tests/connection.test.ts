import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Membership } from '../src/storage';
import { snapshot } from './fixtures';

// A hub connection that answers each invocation from the test's script.
const hub = vi.hoisted(() => {
  type Answer = (method: string, args: unknown[]) => Promise<unknown>;
  class FakeConnection {
    state = 'Disconnected';
    calls: string[] = [];
    answer: Answer = () => Promise.reject(new Error('no answer scripted'));
    starts = 0;
    /** When set, the server closes each connection with this error right after it opens. */
    closeOnOpen: string | null = null;
    private closed: (error?: Error) => void = () => {};
    on(): void {}
    onreconnecting(): void {}
    onreconnected(): void {}
    onclose(handler: (error?: Error) => void): void {
      this.closed = handler;
    }
    start(): Promise<void> {
      this.starts++;
      this.state = 'Connected';
      const closeWith = this.closeOnOpen;
      if (closeWith !== null) {
        setTimeout(() => {
          this.serverCloses(closeWith);
        }, 0);
      }
      return Promise.resolve();
    }
    serverCloses(message: string): void {
      this.state = 'Disconnected';
      this.closed(new Error(message));
    }
    stops = 0;
    /** As SignalR's: stopping a connection that is not already closed ends in its close handler. */
    stop(): Promise<void> {
      const was = this.state;
      this.state = 'Disconnected';
      this.stops++;
      if (was !== 'Disconnected') this.closed();
      return Promise.resolve();
    }
    invoke(method: string, ...args: unknown[]): Promise<unknown> {
      if (method !== 'Ping') this.calls.push(method);
      return this.answer(method, args);
    }
  }
  return { current: new FakeConnection(), FakeConnection };
});

vi.mock('@microsoft/signalr', async (importOriginal) => {
  const real = await importOriginal<typeof import('@microsoft/signalr')>();
  class FakeBuilder {
    withUrl() {
      return this;
    }
    withHubProtocol() {
      return this;
    }
    withAutomaticReconnect() {
      return this;
    }
    withStatefulReconnect() {
      return this;
    }
    configureLogging() {
      return this;
    }
    build() {
      return hub.current;
    }
  }
  return { ...real, HubConnectionBuilder: FakeBuilder };
});

const { ClassSession } = await import('../src/connection');
type SessionEnd = import('../src/connection').SessionEnd;

const membership: Membership = { rejoinToken: 'tok', participantId: 'p1', lastSeq: 0, role: 'Parent' };
const refusal = (code: string) => Promise.reject(new Error(`HubException: ${code}: refused for the test`));

function resume(role: 'Parent' | 'Instructor', answer: (method: string) => Promise<unknown>) {
  hub.current = new hub.FakeConnection();
  hub.current.answer = (method) => (method === 'Ping' ? Promise.reject(new Error('no ping')) : answer(method));
  const ends: SessionEnd[] = [];
  const session =
    role === 'Parent'
      ? ClassSession.resume('c1', 'Parent', membership, null)
      : ClassSession.resume('c1', 'Instructor', null, 'instructor-key');
  session.setHandlers({ onEnded: (end) => ends.push(end) });
  return { session, ends, calls: hub.current.calls };
}

describe('coming back into a class the server will not let this page into', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops at class_ended answering a family’s Rejoin, and says the class has ended', async () => {
    const { session, ends, calls } = resume('Parent', () => refusal('class_ended'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['Rejoin']);
    expect(ends).toEqual([{ reason: 'class_ended' }]);
    expect(session.status).toBe('stopped');
  });

  it('stops at class_ended answering the instructor’s JoinAsInstructor', async () => {
    const { ends, calls } = resume('Instructor', () => refusal('class_ended'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['JoinAsInstructor']);
    expect(ends).toEqual([{ reason: 'class_ended' }]);
  });

  it.each(['invalid', 'class_full', 'not_joined'])(
    'stops at %s and says why instead of asking forever',
    async (code) => {
      const { ends, calls } = resume('Parent', () => refusal(code));
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls).toEqual(['Rejoin']);
      expect(ends).toEqual([{ reason: 'refused', code, detail: 'refused for the test' }]);
    },
  );

  it.each(['rate_limited', 'unavailable'])(
    'asks again after %s, waiting longer each time, until it is in',
    async (code) => {
      let refusals = 3;
      const { session, ends, calls } = resume('Parent', () =>
        refusals-- > 0
          ? refusal(code)
          : Promise.resolve({ participantId: 'p1', role: 'Parent', snapshot: snapshot(), events: [] }),
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toEqual(['Rejoin']);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(calls).toEqual(['Rejoin', 'Rejoin', 'Rejoin', 'Rejoin']);
      expect(ends).toEqual([]);
      expect(session.status).toBe('online');
      session.dispose();
    },
  );

  it('waits longer and longer while the server closes each connection as it opens, and gets in once it stops', async () => {
    const { session, ends } = resume('Parent', (method) =>
      method === 'Rejoin'
        ? Promise.resolve({ participantId: 'p1', role: 'Parent', snapshot: snapshot(), events: [] })
        : Promise.reject(new Error('no answer scripted')),
    );
    const connection = hub.current;
    connection.closeOnOpen =
      'Server returned an error on close: rate_limited: this address already has 1000 connections here';
    await vi.advanceTimersByTimeAsync(0);
    connection.serverCloses(connection.closeOnOpen);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(connection.starts).toBeGreaterThanOrEqual(3);
    expect(connection.starts).toBeLessThanOrEqual(7);
    // The page can say why it is reconnecting.
    expect(session.closedBy?.code).toBe('rate_limited');
    expect(session.status).toBe('reconnecting');

    connection.closeOnOpen = null;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(connection.state).toBe('Connected');
    expect(session.status).toBe('online');
    expect(session.closedBy).toBeNull();
    expect(ends).toEqual([]);
    session.dispose();
  });

  it('waits longer and longer while rate_limited goes on', async () => {
    const { session, calls } = resume('Parent', () => refusal('rate_limited'));
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(20_000);
    const inFirst20s = calls.length;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(inFirst20s).toBeLessThanOrEqual(6);
    expect(calls.length - inFirst20s).toBeLessThanOrEqual(3);
    expect(session.status).not.toBe('stopped');
    session.dispose();
  });
});

describe('a phone that wakes up', () => {
  let page: EventTarget & { visibilityState: string };
  let network: EventTarget;
  beforeEach(() => {
    vi.useFakeTimers();
    page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    network = new EventTarget();
    vi.stubGlobal('document', page);
    vi.stubGlobal('window', network);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const rejoined = () => Promise.resolve({ participantId: 'p1', role: 'Parent', snapshot: snapshot(), events: [] });

  it.each([
    ['the page is seen again', () => page.dispatchEvent(new Event('visibilitychange'))],
    ['the network is back', () => network.dispatchEvent(new Event('online'))],
  ])('does not wait out SignalR’s reconnect delay when %s: it starts again at once and rejoins', async (_, wake) => {
    const { session, calls } = resume('Parent', rejoined);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(session.status).toBe('online');
    const connection = hub.current;
    // The socket went quiet; SignalR is reconnecting on its own, with its own delay to wait.
    connection.state = 'Reconnecting';
    const starts = connection.starts;

    wake();
    await vi.advanceTimersByTimeAsync(0);

    expect(connection.stops).toBe(1);
    expect(connection.starts).toBe(starts + 1);
    expect(calls).toEqual(['Rejoin', 'Rejoin']);
    expect(session.status).toBe('online');
    session.dispose();
  });

  it('leaves a connection that is up alone', async () => {
    const { session, calls } = resume('Parent', rejoined);
    await vi.advanceTimersByTimeAsync(60_000);
    const connection = hub.current;

    page.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);

    expect(connection.stops).toBe(0);
    expect(calls).toEqual(['Rejoin']);
    session.dispose();
  });
});

describe('a class that has ended', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is shown as it ended, and the session lets its connection go instead of reconnecting', async () => {
    const { session, ends, calls } = resume('Parent', () =>
      Promise.resolve({ participantId: 'p1', role: 'Parent', snapshot: snapshot({ status: 'Ended' }), events: [] }),
    );
    await vi.advanceTimersByTimeAsync(0);
    const connection = hub.current;

    expect(session.state?.status).toBe('Ended');
    expect(session.status).toBe('stopped');
    expect(connection.stops).toBe(1);
    expect(ends).toEqual([]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['Rejoin']);
  });

  it('answers a call made after the end with class_ended, not offline, without sending it', async () => {
    const { session, calls } = resume('Instructor', (method) =>
      method === 'JoinAsInstructor'
        ? Promise.resolve({
            participantId: 'p-inst',
            rejoinToken: 'tok-2',
            role: 'Instructor',
            snapshot: snapshot({ status: 'Ended' }),
          })
        : Promise.reject(new Error("Cannot send data if the connection is not in the 'Connected' State.")),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(session.status).toBe('stopped');

    await expect(session.call('DeleteChat', 'm1')).rejects.toMatchObject({ code: 'class_ended' });
    expect(calls).toEqual(['JoinAsInstructor']);
  });
});

describe('a page opened again with the class it kept', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    const items = new Map<string, string>();
    vi.stubGlobal('sessionStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => items.set(key, value),
      removeItem: (key: string) => items.delete(key),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is connecting, not reconnecting, until it has been in the class; a drop after that is a reconnection', async () => {
    const storage = await import('../src/storage');
    const { stateFromSnapshot } = await import('../src/state');
    storage.saveCachedState('Parent', 'p1', stateFromSnapshot(snapshot()));
    hub.current = new hub.FakeConnection();
    hub.current.answer = (method) =>
      method === 'Rejoin'
        ? Promise.resolve({ participantId: 'p1', role: 'Parent', snapshot: null, events: [] })
        : Promise.reject(new Error('no answer scripted'));
    const session = ClassSession.resume('c1', 'Parent', membership, null);
    const statuses: string[] = [];
    session.setHandlers({ onConnection: (status) => statuses.push(status) });
    expect(session.state?.classId).toBe('c1');

    await vi.advanceTimersByTimeAsync(0);
    expect(statuses).toEqual(['connecting', 'online']);

    hub.current.serverCloses('the network went away');
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses).toContain('reconnecting');
    session.dispose();
  });
});
