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

  async function acquire() {
    if (!api || !wanted || sentinel || requesting || disposed || document.visibilityState !== 'visible') return;
    requesting = true;
    try {
      const lock = await api.request('screen');
      if (!wanted || disposed) {
        void lock.release();
        return;
      }
      lock.addEventListener('release', () => {
        if (sentinel === lock) set(null);
      });
      set(lock);
    } catch {
      // Refused (battery saver, policy): the screen may lock; the class goes on.
    } finally {
      requesting = false;
    }
    // The class may have paused while the request was out.
    if (!wanted) release();
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
