// How the client waits before asking again: after a lost connection and after a passing refusal.

/** How often a call answered `unavailable` is asked again (about 4 s in all) before the error is shown. */
export const CALL_RETRIES = 5;

/** Delays for both SignalR's reconnect and our restart loop: quick at first, then every 10 s. */
export function retryDelayMs(attempt: number): number {
  const steps = [0, 1000, 2000, 4000, 7000];
  const base = steps[attempt] ?? 10000;
  // A little jitter so a class of families does not reconnect in lockstep after a server restart.
  return base === 0 ? 0 : base + Math.floor(Math.random() * 500);
}

/** Something that can cut a sleep short, e.g. when the browser comes back online. */
export interface WakeSignal {
  wake?: () => void;
}

export function sleep(ms: number, signal?: WakeSignal): Promise<void> {
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
