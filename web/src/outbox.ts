// Chat lines on their way to the server. Each keeps its clientMessageId for every retry, so it
// posts once however often it is sent; lines wait while the connection is down and go once it is back.
import { isRetryable, parseHubError, unavailableDelayMs, type ParsedError } from './errors';
import { CALL_RETRIES, sleep } from './retry';

export interface OutboxItem {
  clientMessageId: string;
  text: string;
  state: 'sending' | 'waiting' | 'failed';
  error: ParsedError | null;
}

/** What the outbox needs of the session it sends through. */
export interface OutboxLink {
  /** Connected, and not in the middle of a rejoin. */
  ready(): boolean;
  stopped(): boolean;
  send(clientMessageId: string, text: string): Promise<unknown>;
  /** The server no longer knows the connection as ours: join again. */
  rejoin(): void;
  changed(items: readonly OutboxItem[]): void;
}

function newId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class ChatOutbox {
  items: OutboxItem[] = [];
  private readonly retries = new Map<string, number>();

  constructor(private readonly link: OutboxLink) {}

  send(text: string): void {
    const item: OutboxItem = { clientMessageId: newId(), text, state: 'sending', error: null };
    this.items = [...this.items, item];
    void this.deliver(item);
  }

  /** Lines an earlier visit could not post: they wait for the connection, under the ids they had. */
  restore(lines: readonly { clientMessageId: string; text: string }[]): void {
    const known = new Set(this.items.map((i) => i.clientMessageId));
    const restored = lines
      .filter((l) => !known.has(l.clientMessageId))
      .map((l): OutboxItem => ({ clientMessageId: l.clientMessageId, text: l.text, state: 'waiting', error: null }));
    if (!restored.length) return;
    this.items = [...this.items, ...restored];
    this.link.changed(this.items);
  }

  retry(clientMessageId: string): void {
    const item = this.items.find((i) => i.clientMessageId === clientMessageId);
    if (item) void this.deliver(item);
  }

  discard(clientMessageId: string): void {
    this.items = this.items.filter((i) => i.clientMessageId !== clientMessageId);
    this.link.changed(this.items);
  }

  /** Sends every line that was waiting for the connection. */
  flush(): void {
    for (const item of this.items) {
      if (item.state === 'waiting') void this.deliver(item);
    }
  }

  private async deliver(item: OutboxItem): Promise<void> {
    this.update(item, { state: 'sending', error: null });
    if (!this.link.ready()) {
      this.update(item, { state: 'waiting' });
      return;
    }
    try {
      await this.link.send(item.clientMessageId, item.text);
      this.retries.delete(item.clientMessageId);
      this.discard(item.clientMessageId);
    } catch (error) {
      this.failed(item, parseHubError(error, this.link.ready()));
    }
  }

  private failed(item: OutboxItem, parsed: ParsedError): void {
    const attempts = this.retries.get(item.clientMessageId) ?? 0;
    if (parsed.code === 'offline' || parsed.code === 'not_joined') {
      this.update(item, { state: 'waiting', error: parsed });
      if (parsed.code === 'not_joined') this.link.rejoin();
    } else if (isRetryable(parsed) && attempts < CALL_RETRIES) {
      // Same clientMessageId, so it posts once however often it is sent.
      this.update(item, { state: 'waiting', error: parsed });
      this.retries.set(item.clientMessageId, attempts + 1);
      void sleep(unavailableDelayMs(attempts)).then(() => {
        if (!this.link.stopped() && this.items.includes(item) && item.state === 'waiting') void this.deliver(item);
      });
    } else {
      this.update(item, { state: 'failed', error: parsed });
    }
  }

  private update(item: OutboxItem, change: Partial<OutboxItem>): void {
    Object.assign(item, change);
    this.items = [...this.items];
    this.link.changed(this.items);
  }
}
