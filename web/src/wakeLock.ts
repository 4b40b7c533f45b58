// Keeps the screen on while a family is in an open class (Screen Wake Lock). The browser drops the
// lock when the page is hidden, so it is taken again when the page is visible again. A refused
// request (battery saver, policy) is asked again on the next visibility change or tap.

type Sentinel = {
  released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', cb: () => void): void;
};
type WakeLockApi = { request(type: 'screen'): Promise<Sentinel> };

/** `refused`: wanted, but the browser said no to the last request. */
export type WakeState = 'held' | 'released' | 'refused';

export interface ScreenKeeper {
  readonly supported: boolean;
  /** Whether the screen should stay on now (an open class). */
  setWanted(wanted: boolean): void;
  held(): boolean;
  /** Wanted, and this browser will not keep the screen on: no API, or the last request was refused. */
  cannotKeep(): boolean;
  dispose(): void;
}

/** Asks for a lock, and gives it back at once if it is no longer wanted by the time it comes. */
async function requestLock(api: WakeLockApi, stillWanted: () => boolean): Promise<Sentinel | 'refused' | null> {
  try {
    const lock = await api.request('screen');
    if (stillWanted()) return lock;
    void lock.release().catch(() => undefined);
    return null;
  } catch {
    return 'refused';
  }
}

function wakeLockApi(): WakeLockApi | undefined {
  return typeof navigator !== 'undefined' ? (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock : undefined;
}

export function keepScreenOn(onChange?: (state: WakeState) => void): ScreenKeeper {
  const api = wakeLockApi();
  let wanted = false;
  let sentinel: Sentinel | null = null;
  let refused = false;
  let requesting = false;
  let disposed = false;

  const set = (next: Sentinel | null, nowRefused = false) => {
    sentinel = next;
    refused = nowRefused;
    onChange?.(next ? 'held' : nowRefused ? 'refused' : 'released');
  };

  // Read when asked, not as of the last check: both change while a request is out.
  const wantedNow = () => wanted && !disposed;

  async function acquire() {
    if (!api || !wantedNow() || sentinel || requesting || document.visibilityState !== 'visible') return;
    requesting = true;
    const lock = await requestLock(api, wantedNow);
    requesting = false;
    if (lock === 'refused') {
      if (wantedNow()) set(null, true);
      return;
    }
    if (lock) {
      lock.addEventListener('release', () => {
        if (sentinel === lock) set(null);
      });
      set(lock);
    }
    // The family may have left while the request was out.
    if (!wantedNow()) release();
  }

  function release() {
    const lock = sentinel;
    if (lock) void lock.release().catch(() => undefined);
    if (lock || refused) set(null);
  }
  const stopRetrying = retryWhenVisibleOrTapped(acquire);
  return {
    supported: !!api,
    setWanted(next) {
      const was = wanted;
      wanted = next;
      if (!next) release();
      // Refused: asked again on the next visibility change or tap, not on every class event.
      else if (!refused || !was) void acquire();
    },
    held: () => !!sentinel,
    cannotKeep: () => wantedNow() && (!api || refused),
    dispose() {
      stopRetrying();
      disposed = true;
      release();
    },
  };
}

/** Asks again when the page is visible again and on any tap or key (a refusal may pass); returns how to stop. */
function retryWhenVisibleOrTapped(acquire: () => Promise<void>): () => void {
  const retry = () => {
    if (document.visibilityState === 'visible') void acquire();
  };
  const events = ['visibilitychange', 'pointerup', 'keyup'] as const;
  for (const type of events) document.addEventListener(type, retry, true);
  return () => {
    for (const type of events) document.removeEventListener(type, retry, true);
  };
}
