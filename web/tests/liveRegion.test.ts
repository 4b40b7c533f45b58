import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveRegionWriter } from '../src/liveRegion';

describe('the live region writer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads messages that come together together, losing none', () => {
    const written: string[] = [];
    const say = liveRegionWriter((text) => written.push(text));

    say('Step 3, tummy circles.');
    say('Pause. Rest your hands still on your baby and breathe.');
    vi.advanceTimersByTime(50);

    expect(written).toEqual(['', 'Step 3, tummy circles. Pause. Rest your hands still on your baby and breathe.']);
  });

  it('clears the region before each message, so one said twice is read twice', () => {
    const written: string[] = [];
    const say = liveRegionWriter((text) => written.push(text));

    say('Class is live.');
    vi.advanceTimersByTime(50);
    say('Class is live.');
    vi.advanceTimersByTime(50);

    expect(written).toEqual(['', 'Class is live.', '', 'Class is live.']);
  });
});
