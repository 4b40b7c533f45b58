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
import { watchBrowser } from './browserSignals';
import { ServerClock } from './clock';
import { isRetryable, parseHubError, unavailableDelayMs, type ErrorCode, type ParsedError } from './errors';
import { ChatOutbox, type OutboxItem } from './outbox';
import { CLASS_EVENT, HUB_PATH, Hub, type ClassEvent, type JoinResult, type RejoinResult, type Role } from './protocol';
import { CALL_RETRIES, retryDelayMs, sleep, type WakeSignal } from './retry';
import { SessionStore } from './sessionStore';
import { Sequencer, type Applied, type ClassState, type SequencerResult } from './state';
import type * as storage from './storage';

export type { OutboxItem } from './outbox';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'stopped';

export type SessionEnd =
  | { reason: 'removed' }
  | { reason: 'forbidden'; detail: string }
  | { reason: 'not_found'; detail: string }
  | { reason: 'class_ended' }
  /** The server keeps refusing this page back in, for a reason asking again will not change. */
  | { reason: 'refused'; code: ErrorCode; detail: string };

/** Codes answering a join or rejoin that asking again the same way cannot change. */
const FINAL_SYNC_CODES: readonly ErrorCode[] = ['invalid', 'class_full', 'not_joined'];

export interface SessionHandlers {
  onState?(state: ClassState, applied: Applied[], snapshotApplied: boolean): void;
  onConnection?(status: ConnectionStatus): void;
  onEnded?(end: SessionEnd): void;
  onOutbox?(items: readonly OutboxItem[]): void;
}

/** A connection the server closes sooner than this after it opened counts as turned away. */
const QUICK_CLOSE_MS = 5000;

const foreverPolicy: IRetryPolicy = {
  nextRetryDelayInMilliseconds: (ctx: RetryContext) => retryDelayMs(ctx.previousRetryCount),
};

function buildConnection(hubUrl: string): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(hubUrl)
    .withHubProtocol(new MessagePackHubProtocol())
    .withAutomaticReconnect(foreverPolicy)
    .withStatefulReconnect()
    .configureLogging(LogLevel.Warning)
    .build();
}

export class ClassSession {
  readonly connection: HubConnection;
  readonly sequencer = new Sequencer();
  classId: string | null = null;
  role: Role | null = null;
  participantId: string | null = null;
  status: ConnectionStatus = 'connecting';
  ended: SessionEnd | null = null;
  /** Why the server closed the connection, when it said (over a limit, going away); null once back. */
  closedBy: ParsedError | null = null;

  private token: string | null = null;
  private instructorKey: string | null = null;
  private handlers: SessionHandlers = {};
  private syncing: Promise<void> | null = null;
  private resyncRequested = false;
  private restarting = false;
  private openedAt = 0;
  /** Connections in a row the server closed soon after they opened: each waits longer before the next. */
  private quickCloses = 0;
  private unavailableAttempts = 0;
  private refusedAttempts = 0;
  /** Whether this session has been in the class on this page: only then is a lost connection a reconnection. */
  private wasOnline = false;
  private stopped = false;
  private readonly clock: ServerClock;
  private readonly chat: ChatOutbox;
  private readonly store: SessionStore;
  private readonly wakeSignal: WakeSignal = {};
  private readonly unwatchBrowser: () => void;

  constructor(hubUrl: string = HUB_PATH) {
    this.connection = buildConnection(hubUrl);
    this.clock = new ServerClock(this.connection);
    this.chat = new ChatOutbox({
      ready: () => this.connection.state === HubConnectionState.Connected && !this.sequencer.isAwaitingResult,
      stopped: () => this.stopped,
      send: (clientMessageId, text) => this.connection.invoke(Hub.SendChat, clientMessageId, text),
      rejoin: () => void this.resync(),
      changed: (items) => {
        this.keepUnsent(items);
        this.handlers.onOutbox?.(items);
      },
    });
    this.store = new SessionStore(() => ({
      state: this.sequencer.state,
      role: this.role,
      participantId: this.participantId,
      ended: this.ended !== null,
    }));
    this.connection.on(CLASS_EVENT, (event: ClassEvent) => {
      this.onLiveEvent(event);
    });
    this.connection.onreconnecting(() => {
      this.setStatus('reconnecting');
    });
    this.connection.onreconnected(() => {
      this.openedAt = Date.now();
      void this.resync();
    });
    this.connection.onclose((error) => {
      // A server that closes connections as they open (over a limit, shutting down) is not asked
      // again at once: each time it does, the next start waits longer.
      this.quickCloses = Date.now() - this.openedAt < QUICK_CLOSE_MS ? this.quickCloses + 1 : 0;
      this.noteClosedBy(error);
      if (!this.stopped) void this.restartLoop();
    });
    this.unwatchBrowser = watchBrowser({
      online: () => {
        this.wakeUp();
      },
      offline: () => {
        this.dropTransport();
      },
      // A phone that wakes up should not wait out a long retry delay.
      visible: () => {
        this.wakeUp();
      },
    });
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
    const cached = SessionStore.cachedState(classId, membership);
    if (cached) session.sequencer.restore(cached);
    session.chat.restore(SessionStore.unsentLines(classId, membership));
    void session.restartLoop();
    return session;
  }

  private async openWith(join: () => Promise<void>): Promise<void> {
    this.setStatus('connecting');
    try {
      await this.connection.start();
      this.openedAt = Date.now();
    } catch (error) {
      this.dispose();
      const offline: ParsedError = { code: 'offline', detail: String(error) };
      throw offline;
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
    void this.clock.measure();
    this.clock.startRemeasuring();
  }

  private acceptJoin(result: JoinResult, extra: { displayName?: string; joinCode?: string }): void {
    const snapshot = result.snapshot;
    this.classId = snapshot.classId;
    this.role = result.role;
    this.participantId = result.participantId;
    this.token = result.rejoinToken;
    this.clock.noteServerTime(snapshot.serverTime);
    this.store.rememberJoin(result, extra);
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

  get outbox(): OutboxItem[] {
    return this.chat.items;
  }

  /** Lines still to post are kept in this browser, so a closed tab does not lose them. */
  private keepUnsent(items: readonly OutboxItem[]): void {
    if (this.classId && this.role && this.participantId) {
      SessionStore.keepUnsent(this.classId, this.role, this.participantId, items);
    }
  }

  // ---- staying connected ----

  // The browser knows the network is gone long before a silent WebSocket times out: drop the
  // transport now, show "Reconnecting…", and let the restart loop bring it back with a Rejoin.
  private dropTransport(): void {
    if (this.stopped || this.connection.state === HubConnectionState.Disconnected) return;
    this.setStatus('reconnecting');
    void this.connection.stop().catch(() => undefined);
  }

  /**
   * The network is back or the page is seen again: try now. SignalR's own reconnecting waits out
   * its delay (longer still in a background tab), so it gives way to the restart loop, which
   * starts at once.
   */
  private wakeUp(): void {
    if (this.connection.state === HubConnectionState.Reconnecting) this.dropTransport();
    else this.wakeSignal.wake?.();
  }

  private async restartLoop(): Promise<void> {
    if (this.restarting || this.stopped) return;
    this.restarting = true;
    // A page opened again shows the class it kept at once, but it is connecting, not coming back.
    this.setStatus(this.wasOnline ? 'reconnecting' : 'connecting');
    const connected = await this.startUntilConnected().finally(() => {
      this.restarting = false;
    });
    if (connected) {
      this.clock.startRemeasuring();
      await this.resync();
    }
  }

  /** Starts the connection again and again until it is up (true) or the session is closed (false). */
  private async startUntilConnected(): Promise<boolean> {
    for (let attempt = this.quickCloses; ; attempt++) {
      if (attempt > 0) await sleep(retryDelayMs(attempt), this.wakeSignal);
      if (this.stopped) return false;
      try {
        if (this.connection.state === HubConnectionState.Disconnected) await this.connection.start();
      } catch {
        continue;
      }
      if (this.connection.state === HubConnectionState.Connected) {
        this.openedAt = Date.now();
        return true;
      }
    }
  }

  /** Settles when the rejoin under way, if any, is done, without asking for another. */
  synced(): Promise<void> {
    return this.syncing ?? Promise.resolve();
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
      return await this.rejoinOrJoin();
    } catch (error) {
      const parsed = parseHubError(error);
      this.handleResult(this.sequencer.abortSync());
      return this.afterSyncFailed(parsed);
    }
  }

  private async rejoinOrJoin(): Promise<boolean> {
    if (this.token) {
      const lastSeq = this.sequencer.lastApplied;
      const result = await this.connection.invoke<RejoinResult>(Hub.Rejoin, this.token, lastSeq);
      this.participantId = result.participantId;
      this.role = result.role;
      if (result.snapshot) this.clock.noteServerTime(result.snapshot.serverTime);
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
  }

  /** Returns true when the sync should run again. */
  private async afterSyncFailed(parsed: ParsedError): Promise<boolean> {
    if (parsed.code === 'forbidden') {
      // The token is no longer valid. The instructor can get a new one with the key.
      if (this.token && this.instructorKey && this.role === 'Instructor') {
        this.token = null;
        return true;
      }
      this.end({ reason: 'forbidden', detail: parsed.detail });
      return false;
    }
    if (parsed.code === 'offline') return false; // the reconnect machinery calls us again
    if (this.endFor(parsed)) return false;
    if (isRetryable(parsed)) {
      // The class is moving to another server: ask again soon, quietly, still "reconnecting".
      await sleep(unavailableDelayMs(this.unavailableAttempts++));
      return true;
    }
    // rate_limited, or a failure without a code: ask again, waiting longer each time.
    await sleep(retryDelayMs(++this.refusedAttempts));
    return true;
  }

  /** Ends the session for an answer that asking again cannot change; true when it did. */
  private endFor(parsed: ParsedError): boolean {
    if (parsed.code === 'not_found') this.end({ reason: 'not_found', detail: parsed.detail });
    else if (parsed.code === 'class_ended') this.end({ reason: 'class_ended' });
    else if (FINAL_SYNC_CODES.includes(parsed.code)) {
      this.end({ reason: 'refused', code: parsed.code, detail: parsed.detail });
    } else return false;
    return true;
  }

  private afterSync(): void {
    if (this.stopped) return;
    this.unavailableAttempts = 0;
    this.refusedAttempts = 0;
    this.setStatus('online');
    void this.clock.measure();
    this.chat.flush();
  }

  private onLiveEvent(event: ClassEvent | null | undefined): void {
    if (this.stopped || !event || typeof event.seq !== 'number') return;
    const result = this.sequencer.receive(event);
    this.handleResult(result);
    if (result.gap) void this.resync();
  }

  private handleResult(result: SequencerResult): void {
    const state = this.sequencer.state;
    if (!state || (!result.applied.length && !result.snapshotApplied)) return;
    this.store.schedule();
    this.handlers.onState?.(state, result.applied, result.snapshotApplied);
    const me = this.participantId;
    if (me && this.role === 'Parent') {
      const removed = result.applied.some((a) => a.event.kind === 'ParticipantRemoved' && a.event.participantId === me);
      if (removed) this.end({ reason: 'removed' });
    }
    // An ended class changes no more: the page keeps showing it as it ended, with nothing to
    // reconnect for (a dropped connection would only bring "Reconnecting…" to a finished class).
    if (state.status === 'Ended') this.dispose();
  }

  private setStatus(status: ConnectionStatus): void {
    // Stopped is for good: a rejoin that answered after the session was let go changes nothing.
    if (this.status === status || (this.stopped && status !== 'stopped')) return;
    this.status = status;
    if (status === 'online') {
      this.closedBy = null;
      this.wasOnline = true;
    }
    this.handlers.onConnection?.(status);
  }

  /** Keeps the reason a server gave for closing, so the page can say why it is reconnecting. */
  private noteClosedBy(error: Error | undefined): void {
    const said = error ? parseHubError(error) : null;
    const reason = said?.code === 'rate_limited' || said?.code === 'unavailable' ? said : null;
    if (reason?.code === this.closedBy?.code) return;
    this.closedBy = reason;
    if (!this.stopped) this.handlers.onConnection?.(this.status);
  }

  private end(end: SessionEnd): void {
    if (this.ended) return;
    this.ended = end;
    if (this.classId) this.store.forget(this.classId, this.role, end.reason);
    this.dispose();
    this.handlers.onEnded?.(end);
  }

  /** Closes the connection for good (leaving the page or the class). */
  dispose(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.store.flush();
    this.clock.stopRemeasuring();
    this.unwatchBrowser();
    this.wakeSignal.wake?.();
    void this.connection.stop().catch(() => undefined);
    this.setStatus('stopped');
  }

  // ---- clock ----

  measureClock(samples = 5): Promise<void> {
    return this.clock.measure(samples);
  }

  /** Server milliseconds now, as well as this browser can tell. */
  serverNow(clientNow: number = Date.now()): number {
    return clientNow + this.clock.offsetMs;
  }

  clockOffsetMs(): number {
    return this.clock.offsetMs;
  }

  get hasClock(): boolean {
    return this.clock.measured;
  }

  // ---- calls ----

  /**
   * Any hub call acting for this participant; rejects with a ParsedError. `unavailable` (the class
   * is moving to another server) is asked again quietly for a few seconds before it is shown.
   */
  async call<T = number>(method: string, ...args: unknown[]): Promise<T> {
    // An ended class takes no calls, and its connection is let go: say so rather than "offline".
    if (this.sequencer.state?.status === 'Ended') {
      const ended: ParsedError = { code: 'class_ended', detail: '' };
      throw ended;
    }
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
    this.chat.send(text);
  }

  retryChat(clientMessageId: string): void {
    this.chat.retry(clientMessageId);
  }

  discardChat(clientMessageId: string): void {
    this.chat.discard(clientMessageId);
  }
}
