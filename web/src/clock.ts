// The server's clock as this browser sees it: a rough offset from the last snapshot at first,
// then an estimate from a few pings, measured again now and then.
import { HubConnectionState, type HubConnection } from '@microsoft/signalr';
import { Hub, type PingResult } from './protocol';
import { estimateClockOffset, type ClockEstimate, type ClockSample } from './tempo';

/** Clocks drift and a first sample can be unlucky; re-measure this often. */
const REMEASURE_MS = 60000;

export class ServerClock {
  private estimate: ClockEstimate | null = null;
  private roughOffsetMs = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly connection: HubConnection) {}

  /** A snapshot's serverTime: good enough until the pings have been measured. */
  noteServerTime(serverTime: number): void {
    this.roughOffsetMs = serverTime - Date.now();
  }

  startRemeasuring(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.measure(), REMEASURE_MS);
  }

  stopRemeasuring(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async measure(samples = 5): Promise<void> {
    const collected: ClockSample[] = [];
    for (let i = 0; i < samples; i++) {
      if (this.connection.state !== HubConnectionState.Connected) break;
      const sent = Date.now();
      try {
        const pong = await this.connection.invoke<PingResult>(Hub.Ping, sent);
        collected.push({ clientSent: sent, clientReceived: Date.now(), serverTime: pong.serverTime });
      } catch {
        break;
      }
    }
    const estimate = estimateClockOffset(collected);
    if (estimate && (!this.estimate || estimate.rttMs <= this.estimate.rttMs * 2 || collected.length === samples)) {
      this.estimate = estimate;
    }
  }

  get offsetMs(): number {
    return this.estimate ? this.estimate.offsetMs : this.roughOffsetMs;
  }

  get measured(): boolean {
    return this.estimate !== null;
  }
}
