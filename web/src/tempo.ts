// Tempo guide maths. Every parent's pulse must be in the same phase, so the phase comes from
// server time (local clock + measured offset), never from when the page started animating.
import type { Tempo } from './protocol';

export interface ClockSample {
  clientSent: number;
  clientReceived: number;
  serverTime: number;
}

export interface ClockEstimate {
  offsetMs: number;
  rttMs: number;
}

/** offset = serverTime - (clientSent + rtt/2), from the sample with the smallest round trip. */
export function estimateClockOffset(samples: ClockSample[]): ClockEstimate | null {
  let best: ClockEstimate | null = null;
  for (const s of samples) {
    const rtt = s.clientReceived - s.clientSent;
    if (!Number.isFinite(rtt) || rtt < 0) continue;
    if (!best || rtt < best.rttMs) {
      best = { rttMs: rtt, offsetMs: s.serverTime - (s.clientSent + rtt / 2) };
    }
  }
  return best;
}

export function isTempoOn(tempo: Tempo | null | undefined): tempo is Tempo {
  return !!tempo && tempo.strokesPerMinute > 0;
}

export function beatPeriodMs(strokesPerMinute: number): number {
  return 60000 / strokesPerMinute;
}

/** Milliseconds since the latest beat, in [0, period); null when the tempo is off. */
export function tempoPhaseMs(tempo: Tempo | null | undefined, serverNow: number): number | null {
  if (!isTempoOn(tempo)) return null;
  const period = beatPeriodMs(tempo.strokesPerMinute);
  const elapsed = serverNow - tempo.startsAt;
  // JS % keeps the sign of the dividend; before startsAt we still want a phase in [0, period).
  return ((elapsed % period) + period) % period;
}

/** Index of the current beat since startsAt (can be negative before it). */
export function beatNumber(tempo: Tempo, serverNow: number): number {
  return Math.floor((serverNow - tempo.startsAt) / beatPeriodMs(tempo.strokesPerMinute));
}

/** A smooth 0..1..0 swell over one beat, peaking mid-beat. */
export function pulseAmount(phaseMs: number, periodMs: number): number {
  return 0.5 - 0.5 * Math.cos((2 * Math.PI * phaseMs) / periodMs);
}

/** Shortest distance between two phases on the beat circle. */
export function phaseDistance(a: number, b: number, periodMs: number): number {
  const d = Math.abs(a - b) % periodMs;
  return Math.min(d, periodMs - d);
}

/** What the instructor typed in the tempo box: a tempo to send, or why there is none. */
export type TempoEntry = { ok: true; strokesPerMinute: number } | { ok: false; problem: 'notNumber' | 'outOfRange' };

/**
 * Reads the tempo box: a whole number of strokes a minute, 0 to stop the guide. Empty or not a
 * whole number is never sent (`Number('')` would be 0 and stop the guide by accident); outside
 * the server's range, when it is known, neither.
 */
export function readTempoEntry(raw: string, range: { tempoMin: number; tempoMax: number } | null): TempoEntry {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return { ok: false, problem: 'notNumber' };
  const n = Number(text);
  if (n !== 0 && range && (n < range.tempoMin || n > range.tempoMax)) return { ok: false, problem: 'outOfRange' };
  return { ok: true, strokesPerMinute: n };
}
