// The read-only window a class page opens as window.__liveclass, for end-to-end tests and for
// support questions ("which step does your screen show?"). It exposes no tokens.
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
