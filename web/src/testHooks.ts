// A small read-only window into the page for end-to-end tests and for support questions
// ("which step does your screen show?"). It exposes no tokens.
import type { ClassSession } from './connection';
import type { ClassState } from './state';

export interface LiveClassHooks {
  tempoPhaseMs(clientNow?: number): number | null;
  clockOffsetMs(): number;
  hasClock(): boolean;
  participantId(): string | null;
  connectionStatus(): string;
  lastSeq(): number;
  state(): ClassState | null;
}

declare global {
  interface Window {
    __liveclass?: LiveClassHooks;
  }
}

export function registerTestHooks(opts: {
  session: ClassSession;
  tempoPhaseMs?: (clientNow?: number) => number | null;
}): () => void {
  const { session } = opts;
  const hooks: LiveClassHooks = {
    tempoPhaseMs: (clientNow) => opts.tempoPhaseMs?.(clientNow) ?? null,
    clockOffsetMs: () => session.clockOffsetMs(),
    hasClock: () => session.hasClock,
    participantId: () => session.participantId,
    connectionStatus: () => session.status,
    lastSeq: () => session.sequencer.lastApplied,
    state: () => session.state,
  };
  window.__liveclass = hooks;
  return () => {
    if (window.__liveclass === hooks) delete window.__liveclass;
  };
}
