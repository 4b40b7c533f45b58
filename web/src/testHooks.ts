// Opens window.__liveclass (see liveClassHooks.ts) for the session a class page shows.
import type { ClassSession } from './connection';
import type { LiveClassHooks } from './liveClassHooks';

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
