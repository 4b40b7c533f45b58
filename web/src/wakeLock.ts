// Keeps the screen on while a class is live (Screen Wake Lock). The browser drops the lock when
// the page is hidden, so it is taken again when the page is visible again.

type Sentinel = {
  released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', cb: () => void): void;
};
type WakeLockApi = { request(type: 'screen'): Promise<Sentinel> };

export interface ScreenKeeper {
  readonly supported: boolean;
  /** Whether the screen should stay on now (a live class). */
  setWanted(wanted: boolean): void;
  held(): boolean;
  dispose(): void;
}

/** Asks for a lock, and gives it back at once if it is no longer wanted by the time it comes. */
async function requestLock(api: WakeLockApi, stillWanted: () => boolean): Promise<Sentinel | null> {
  try {
    const lock = await api.request('screen');
    if (stillWanted()) return lock;
    void lock.release();
  } catch {
    // Refused (battery saver, policy): the screen may lock; the class goes on.
  }
  return null;
}

export function keepScreenOn(onChange?: (held: boolean) => void): ScreenKeeper {
  const api =
    typeof navigator !== 'undefined' ? (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock : undefined;
  let wanted = false;
  let sentinel: Sentinel | null = null;
  let requesting = false;
  let disposed = false;

  const set = (next: Sentinel | null) => {
    sentinel = next;
    onChange?.(!!next);
  };

  // Read when asked, not as of the last check: both change while a request is out.
  const wantedNow = () => wanted && !disposed;

  async function acquire() {
    if (!api || !wanted || sentinel || requesting || disposed || document.visibilityState !== 'visible') return;
    requesting = true;
    const lock = await requestLock(api, wantedNow);
    requesting = false;
    if (lock) {
      lock.addEventListener('release', () => {
        if (sentinel === lock) set(null);
      });
      set(lock);
    }
    // The class may have paused while the request was out.
    if (!wantedNow()) release();
  }

  function release() {
    const lock = sentinel;
    if (!lock) return;
    set(null);
    void lock.release().catch(() => undefined);
  }

  const onVisibility = () => {
    if (document.visibilityState === 'visible') void acquire();
  };
  document.addEventListener('visibilitychange', onVisibility);

  return {
    supported: !!api,
    setWanted(next) {
      wanted = next;
      if (wanted) void acquire();
      else release();
    },
    held: () => !!sentinel,
    dispose() {
      disposed = true;
      wanted = false;
      document.removeEventListener('visibilitychange', onVisibility);
      release();
    },
  };
}
