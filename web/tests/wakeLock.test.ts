import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepScreenOn, type WakeState } from '../src/wakeLock';

/** A page with a Screen Wake Lock that refuses while `refusing` is set (battery saver). */
function fakePage() {
  const page = { refusing: true, requests: 0, held: 0, document: new EventTarget() };
  Object.assign(page.document, { visibilityState: 'visible' });
  const wakeLock = {
    request: () => {
      page.requests++;
      if (page.refusing) return Promise.reject(new DOMException('battery saver', 'NotAllowedError'));
      page.held++;
      const lock = Object.assign(new EventTarget(), {
        released: false,
        release: () => {
          lock.released = true;
          page.held--;
          return Promise.resolve();
        },
      });
      return Promise.resolve(lock);
    },
  };
  vi.stubGlobal('document', page.document);
  vi.stubGlobal('navigator', { wakeLock });
  return page;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('keeping the screen on', () => {
  let page: ReturnType<typeof fakePage>;
  beforeEach(() => {
    page = fakePage();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says so when the lock is refused, and asks again on the next visibility change and tap', async () => {
    const seen: WakeState[] = [];
    const screen = keepScreenOn((state) => seen.push(state));
    screen.setWanted(true);
    await settle();
    expect(seen).toEqual(['refused']);
    expect(screen.cannotKeep()).toBe(true);

    // Class events keep coming: no new request for each of them.
    screen.setWanted(true);
    await settle();
    expect(page.requests).toBe(1);

    page.document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(page.requests).toBe(2);
    expect(screen.cannotKeep()).toBe(true);

    page.refusing = false;
    page.document.dispatchEvent(new Event('pointerup'));
    await settle();
    expect(page.requests).toBe(3);
    expect(screen.held()).toBe(true);
    expect(screen.cannotKeep()).toBe(false);
    expect(seen.at(-1)).toBe('held');
    screen.dispose();
    expect(page.held).toBe(0);
  });

  it('gives the lock back, and drops the note, once it is no longer wanted', async () => {
    page.refusing = false;
    const screen = keepScreenOn();
    screen.setWanted(true);
    await settle();
    expect(page.held).toBe(1);
    screen.setWanted(false);
    expect(page.held).toBe(0);

    page.refusing = true;
    screen.setWanted(true);
    await settle();
    expect(screen.cannotKeep()).toBe(true);
    screen.setWanted(false);
    expect(screen.cannotKeep()).toBe(false);
    page.document.dispatchEvent(new Event('pointerup'));
    await settle();
    expect(page.requests).toBe(2);
    screen.dispose();
  });

  it('needs a note where the browser has no wake lock at all, only while wanted', () => {
    vi.stubGlobal('navigator', {});
    const screen = keepScreenOn();
    expect(screen.supported).toBe(false);
    expect(screen.cannotKeep()).toBe(false);
    screen.setWanted(true);
    expect(screen.cannotKeep()).toBe(true);
    screen.dispose();
  });
});
