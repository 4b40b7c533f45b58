// One SignalR connection acting for one participant of one class. It never gives up while the
// page is open: SignalR's automatic reconnect with a capped delay, stateful reconnect for brief
// drops, and our own restart loop if the connection closes anyway. After every (re)connection
// it calls Rejoin(token, lastSeq) and feeds the answer through the Sequencer.
import {
  HubConnection,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type IRetryPolicy,
  type RetryContext,
} from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { isRetryable, parseHubError, unavailableDelayMs, type ParsedError } from './errors';
import {
  CLASS_EVENT,
  HUB_PATH,
  Hub,
  type ClassEvent,
  type JoinResult,
  type PingResult,
  type RejoinResult,
  type Role,
} from './protocol';
import { Sequencer, type Applied, type ClassState, type SequencerResult } from './state';
import * as storage from './storage';
import { estimateClockOffset, type ClockEstimate, type ClockSample } from './tempo';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'stopped';

export type SessionEnd =
  { reason: 'removed' } | { reason: 'forbidden'; detail: string } | { reason: 'not_found'; detail: string };

export interface OutboxItem {
  clientMessageId: string;
  text: string;
  state: 'sending' | 'waiting' | 'failed';
  error: ParsedError | null;
}

export interface SessionHandlers {
  onState?(state: ClassState, applied: Applied[], snapshotApplied: boolean): void;
  onConnection?(status: ConnectionStatus): void;
  onEnded?(end: SessionEnd): void;
  onOutbox?(items: readonly OutboxItem[]): void;
}

/** Delays for both SignalR's reconnect and our restart loop: quick at first, then every 10 s. */
export function retryDelayMs(attempt: number): number {
  const steps = [0, 1000, 2000, 4000, 7000];
  const base = steps[attempt] ?? 10000;
  // A little jitter so a class of families does not reconnect in lockstep after a server restart.
  return base === 0 ? 0 : base + Math.floor(Math.random() * 500);
}

/** How often a call answered `unavailable` is asked again (about 4 s in all) before the error is shown. */
const CALL_RETRIES = 5;

const foreverPolicy: IRetryPolicy = {
  nextRetryDelayInMilliseconds: (ctx: RetryContext) => retryDelayMs(ctx.previousRetryCount),
};

function sleep(ms: number, signal?: { wake?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (signal) {
      signal.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }
  });
}

function newId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class ClassSession {
  readonly connection: HubConnection;
  readonly sequencer = new Sequencer();
  classId: string | null = null;
  role: Role | null = null;
  participantId: string | null = null;
  status: ConnectionStatus = 'connecting';
  ended: SessionEnd | null = null;
  outbox: OutboxItem[] = [];

  private token: string | null = null;
  private instructorKey: string | null = null;
  private handlers: SessionHandlers = {};
  private syncing: Promise<void> | null = null;
  private resyncRequested = false;
  private restarting = false;
  private unavailableAttempts = 0;
  private readonly chatRetries = new Map<string, number>();
  private stopped = false;
  private clock: ClockEstimate | null = null;
  private roughOffsetMs = 0;
  private clockTimer: ReturnType<typeof setInterval> | null = null;
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly wakeSignal: { wake?: () => void } = {};
  private readonly onBrowserOnline = () => this.wakeSignal.wake?.();
  // The browser knows the network is gone long before a silent WebSocket times out: drop the
  // transport now, show "Reconnecting…", and let the restart loop bring it back with a Rejoin.
  private readonly onBrowserOffline = () => {
    if (this.stopped || this.connection.state === HubConnectionState.Disconnected) return;
    this.setStatus('reconnecting');
    void this.connection.stop().catch(() => undefined);
  };
  // A phone that wakes up should not wait out a long retry delay.
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') this.wakeSignal.wake?.();
  };

  constructor(hubUrl: string = HUB_PATH) {
    this.connection = new HubConnectionBuilder()
      .withUrl(hubUrl)
      .withHubProtocol(new MessagePackHubProtocol())
      .withAutomaticReconnect(foreverPolicy)
      .withStatefulReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.on(CLASS_EVENT, (event: ClassEvent) => {
      this.onLiveEvent(event);
    });
    this.connection.onreconnecting(() => {
      this.setStatus('reconnecting');
    });
    this.connection.onreconnected(() => {
      void this.resync();
    });
    this.connection.onclose(() => {
      if (!this.stopped) void this.restartLoop();
    });
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onBrowserOnline);
      window.addEventListener('offline', this.onBrowserOffline);
      document.addEventListener('visibilitychange', this.onVisible);
    }
  }

  // ---- opening ----

  /** Connects and joins as a family. Rejects with a ParsedError if the server refuses. */
  static async joinAsParent(joinCode: string, displayName: string): Promise<ClassSession> {
    const session = new ClassSession();
    await session.openWith(async () => {
      const result = await session.connection.invoke<JoinResult>(Hub.JoinAsParent, joinCode, displayName);
      session.acceptJoin(result, { displayName, joinCode });
    });
    return session;
  }

  /** Connects and joins as the instructor with the class's key. */
  static async joinAsInstructor(classId: string, instructorKey: string): Promise<ClassSession> {
    const session = new ClassSession();
    session.instructorKey = instructorKey;
    await session.openWith(async () => {
      const result = await session.connection.invoke<JoinResult>(Hub.JoinAsInstructor, classId, instructorKey);
      session.acceptJoin(result, {});
    });
    return session;
  }

  /**
   * Comes back into a class this browser joined before. Returns at once; the state arrives
   * through onState, and the session keeps trying until it is in.
   */
  static resume(
    classId: string,
    role: Role,
    membership: storage.Membership | null,
    instructorKey: string | null,
  ): ClassSession {
    const session = new ClassSession();
    session.classId = classId;
    session.role = role;
    session.participantId = membership?.participantId || null;
    session.token = membership?.rejoinToken ?? null;
    session.instructorKey = instructorKey;
    if (membership?.participantId) {
      const cached = storage.loadCachedState(classId, membership.role, membership.participantId);
      if (cached) session.sequencer.restore(cached);
    }
    void session.restartLoop();
    return session;
  }

  private async openWith(join: () => Promise<void>): Promise<void> {
    this.setStatus('connecting');
    try {
      await this.connection.start();
    } catch (error) {
      this.dispose();
      throw { code: 'offline', detail: String(error) } satisfies ParsedError;
    }
    this.sequencer.beginSync();
    try {
      await join();
    } catch (error) {
      this.sequencer.abortSync();
      this.dispose();
      throw parseHubError(error);
    }
    this.setStatus('online');
    void this.measureClock();
    this.startClockTimer();
  }

  private acceptJoin(result: JoinResult, extra: { displayName?: string; joinCode?: string }): void {
    const snapshot = result.snapshot;
    this.classId = snapshot.classId;
    this.role = result.role;
    this.participantId = result.participantId;
    this.token = result.rejoinToken;
    this.roughOffsetMs = snapshot.serverTime - Date.now();
    const previous = storage.loadMembership(snapshot.classId, result.role);
    storage.saveMembership(snapshot.classId, {
      rejoinToken: result.rejoinToken,
      participantId: result.participantId,
      lastSeq: snapshot.seq,
      role: result.role,
      displayName: extra.displayName ?? previous?.displayName ?? null,
      joinCode: extra.joinCode ?? previous?.joinCode ?? null,
    });
    if (extra.joinCode) storage.saveJoinCode(snapshot.classId, extra.joinCode);
    this.handleResult(this.sequencer.applySnapshot(snapshot));
  }

  setHandlers(handlers: SessionHandlers): void {
    this.handlers = handlers;
    const state = this.sequencer.state;
    if (state) handlers.onState?.(state, [], true);
    handlers.onConnection?.(this.status);
    if (this.ended) handlers.onEnded?.(this.ended);
    handlers.onOutbox?.(this.outbox);
  }

  get state(): ClassState | null {
    return this.sequencer.state;
  }

  get rejoinToken(): string | null {
    return this.token;
  }

  // ---- staying connected ----

  private async restartLoop(): Promise<void> {
    if (this.restarting || this.stopped) return;
    this.restarting = true;
    this.setStatus(this.sequencer.state ? 'reconnecting' : 'connecting');
    let attempt = 0;
    try {
      while (!this.stopped) {
        if (attempt > 0) await sleep(retryDelayMs(attempt), this.wakeSignal);
        if (this.stopped) return;
        attempt += 1;
        try {
          if (this.connection.state === HubConnectionState.Disconnected) await this.connection.start();
        } catch {
          continue;
        }
        if (this.connection.state !== HubConnectionState.Connected) continue;
        break;
      }
    } finally {
      this.restarting = false;
    }
    if (!this.stopped) {
      this.startClockTimer();
      await this.resync();
    }
  }

  /** Rejoin(token, lastApplied): one at a time; repeats while the answer leaves a gap. */
  resync(): Promise<void> {
    if (this.syncing) {
      // The running one may be on a transport that just died; go once more after it.
      this.resyncRequested = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        let again = true;
        while ((again || this.resyncRequested) && !this.stopped) {
          this.resyncRequested = false;
          again = await this.resyncOnce();
        }
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  /** Returns true when it should run again (a gap remained, or a passing error). */
  private async resyncOnce(): Promise<boolean> {
    if (this.connection.state !== HubConnectionState.Connected) return false;
    this.sequencer.beginSync();
    try {
      if (this.token) {
        const lastSeq = this.sequencer.lastApplied;
        const result = await this.connection.invoke<RejoinResult>(Hub.Rejoin, this.token, lastSeq);
        this.participantId = result.participantId;
        this.role = result.role;
        if (result.snapshot) this.roughOffsetMs = result.snapshot.serverTime - Date.now();
        const applied = this.sequencer.applyRejoin(result);
        this.handleResult(applied);
        this.afterSync();
        return applied.gap;
      }
      if (this.instructorKey && this.classId) {
        const result = await this.connection.invoke<JoinResult>(Hub.JoinAsInstructor, this.classId, this.instructorKey);
        this.acceptJoin(result, {});
        this.afterSync();
        return false;
      }
      this.end({ reason: 'forbidden', detail: 'no token' });
      return false;
    } catch (error) {
      const parsed = parseHubError(error);
      this.handleResult(this.sequencer.abortSync());
      if (parsed.code === 'forbidden') {
        // The token is no longer valid. The instructor can get a new one with the key.
        if (this.token && this.instructorKey && this.role === 'Instructor') {
          this.token = null;
          return true;
        }
        this.end({ reason: 'forbidden', detail: parsed.detail });
        return false;
      }
      if (parsed.code === 'not_found') {
        this.end({ reason: 'not_found', detail: parsed.detail });
        return false;
      }
      if (parsed.code === 'offline') return false; // the reconnect machinery calls us again
      if (isRetryable(parsed)) {
        // The class is moving to another server: ask again soon, quietly, still "reconnecting".
        await sleep(unavailableDelayMs(this.unavailableAttempts++));
        return true;
      }
      await sleep(retryDelayMs(2));
      return true;
    }
  }

  private afterSync(): void {
    this.unavailableAttempts = 0;
    this.setStatus('online');
    void this.measureClock();
    this.flushOutbox();
  }

  private onLiveEvent(event: ClassEvent): void {
    if (this.stopped || !event || typeof event.seq !== 'number') return;
    const result = this.sequencer.receive(event);
    this.handleResult(result);
    if (result.gap) void this.resync();
  }

  private handleResult(result: SequencerResult): void {
    const state = this.sequencer.state;
    if (!state || (!result.applied.length && !result.snapshotApplied)) return;
    this.schedulePersist();
    this.handlers.onState?.(state, result.applied, result.snapshotApplied);
    const me = this.participantId;
    if (me && this.role === 'Parent') {
      const removed = result.applied.some((a) => a.event.kind === 'ParticipantRemoved' && a.event.participantId === me);
      if (removed) this.end({ reason: 'removed' });
    }
  }

  private schedulePersist(): void {
    if (this.persistTimer) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      this.persist();
    }, 250);
  }

  private persist(): void {
    const state = this.sequencer.state;
    if (state?.status === 'Ended') storage.markEnded(state.classId, Date.now());
    if (!state || !this.role || !this.participantId || this.ended) return;
    storage.updateMembership(state.classId, this.role, this.participantId, state.seq);
    storage.saveCachedState(this.role, this.participantId, state);
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.handlers.onConnection?.(status);
  }

  private end(end: SessionEnd): void {
    if (this.ended) return;
    this.ended = end;
    if (this.classId && this.role && (end.reason === 'removed' || end.reason === 'forbidden')) {
      storage.clearMembership(this.classId, this.role);
    }
    // The class is gone (deleted after its retention): its key and tokens open nothing any more.
    if (this.classId && end.reason === 'not_found') storage.forgetClass(this.classId);
    this.dispose();
    this.handlers.onEnded?.(end);
  }

  /** Closes the connection for good (leaving the page or the class). */
  dispose(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.persistTimer) {
      clearTimeout(this.persistTimer);
      this.persistTimer = null;
      this.persist();
    }
    if (this.clockTimer) clearInterval(this.clockTimer);
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onBrowserOnline);
      window.removeEventListener('offline', this.onBrowserOffline);
      document.removeEventListener('visibilitychange', this.onVisible);
    }
    this.wakeSignal.wake?.();
    void this.connection.stop().catch(() => undefined);
    this.setStatus('stopped');
  }

  // ---- clock ----

  private startClockTimer(): void {
    if (this.clockTimer) return;
    // Clocks drift and a first sample can be unlucky; re-measure now and then.
    this.clockTimer = setInterval(() => void this.measureClock(), 60000);
  }

  async measureClock(samples = 5): Promise<void> {
    const collected: ClockSample[] = [];
    for (let i = 0; i < samples; i++) {
      if (this.connection.state !== HubConnectionState.Connected) break;
      const sent = Date.now();
      try {
        const pong = await this.connection.invoke<PingResult>(Hub.Ping, sent);
        collected.push({ clientSent: sent, clientReceived: Date.now(), serverTime: Number(pong.serverTime) });
      } catch {
        break;
      }
    }
    const estimate = estimateClockOffset(collected);
    if (estimate && (!this.clock || estimate.rttMs <= this.clock.rttMs * 2 || collected.length === samples)) {
      this.clock = estimate;
    }
  }

  /** Server milliseconds now, as well as this browser can tell. */
  serverNow(clientNow: number = Date.now()): number {
    return clientNow + this.clockOffsetMs();
  }

  clockOffsetMs(): number {
    return this.clock ? this.clock.offsetMs : this.roughOffsetMs;
  }

  get hasClock(): boolean {
    return this.clock !== null;
  }

  // ---- calls ----

  /**
   * Any hub call acting for this participant; rejects with a ParsedError. `unavailable` (the class
   * is moving to another server) is asked again quietly for a few seconds before it is shown.
   */
  async call<T = number>(method: string, ...args: unknown[]): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.connection.invoke<T>(method, ...args);
      } catch (error) {
        const parsed = parseHubError(error);
        if (isRetryable(parsed) && attempt < CALL_RETRIES && !this.stopped) {
          await sleep(unavailableDelayMs(attempt));
          continue;
        }
        // The server no longer knows this connection as ours (e.g. it moved): join again.
        if (parsed.code === 'not_joined') void this.resync();
        throw parsed;
      }
    }
  }

  /** Sends a chat line; its clientMessageId is kept for every retry so it posts only once. */
  sendChat(text: string): void {
    const item: OutboxItem = { clientMessageId: newId(), text, state: 'sending', error: null };
    this.outbox = [...this.outbox, item];
    void this.deliver(item);
  }

  retryChat(clientMessageId: string): void {
    const item = this.outbox.find((i) => i.clientMessageId === clientMessageId);
    if (item) void this.deliver(item);
  }

  discardChat(clientMessageId: string): void {
    this.outbox = this.outbox.filter((i) => i.clientMessageId !== clientMessageId);
    this.handlers.onOutbox?.(this.outbox);
  }

  private async deliver(item: OutboxItem): Promise<void> {
    this.updateOutbox(item, { state: 'sending', error: null });
    if (this.connection.state !== HubConnectionState.Connected || this.sequencer.isAwaitingResult) {
      this.updateOutbox(item, { state: 'waiting' });
      return;
    }
    try {
      await this.connection.invoke(Hub.SendChat, item.clientMessageId, item.text);
      this.chatRetries.delete(item.clientMessageId);
      this.discardChat(item.clientMessageId);
    } catch (error) {
      const parsed = parseHubError(error);
      if (parsed.code === 'offline' || parsed.code === 'not_joined') {
        this.updateOutbox(item, { state: 'waiting', error: parsed });
        if (parsed.code === 'not_joined') void this.resync();
      } else if (isRetryable(parsed) && (this.chatRetries.get(item.clientMessageId) ?? 0) < CALL_RETRIES) {
        // Same clientMessageId, so it posts once however often it is sent.
        this.updateOutbox(item, { state: 'waiting', error: parsed });
        const attempt = (this.chatRetries.get(item.clientMessageId) ?? 0) + 1;
        this.chatRetries.set(item.clientMessageId, attempt);
        void sleep(unavailableDelayMs(attempt - 1)).then(() => {
          if (!this.stopped && this.outbox.includes(item) && item.state === 'waiting') void this.deliver(item);
        });
      } else {
        this.updateOutbox(item, { state: 'failed', error: parsed });
      }
    }
  }

  private updateOutbox(item: OutboxItem, change: Partial<OutboxItem>): void {
    Object.assign(item, change);
    this.outbox = [...this.outbox];
    this.handlers.onOutbox?.(this.outbox);
  }

  private flushOutbox(): void {
    for (const item of this.outbox) {
      if (item.state === 'waiting') void this.deliver(item);
    }
  }
}
