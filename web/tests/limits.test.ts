import { afterEach, describe, expect, it, vi } from 'vitest';
import { getLimits } from '../src/api';
import { createLimitsSource, limitLength } from '../src/limits';
import type { ClientLimits } from '../src/protocol';

const served: ClientLimits = {
  titleMaxLength: 30,
  displayNameMaxLength: 12,
  chatMaxLength: 77,
  customCueMaxLength: 33,
  repeatMaxCount: 9,
  tempoMin: 15,
  tempoMax: 45,
};

describe('limits from the server', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads GET /api/limits', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify(served), { status: 200 })));
    vi.stubGlobal('fetch', fetch);

    expect(await getLimits()).toEqual(served);
    expect(fetch).toHaveBeenCalledWith('/api/limits', expect.anything());
  });

  it('fetches once and gives inputs the served lengths, also to inputs made before they arrived', async () => {
    const fetchLimits = vi.fn(() => Promise.resolve(served));
    const source = createLimitsSource(fetchLimits);
    const early = { maxLength: -1 };
    limitLength(early, (l) => l.chatMaxLength, source);
    expect(early.maxLength).toBe(-1);
    expect(source.current()).toBeNull();

    await source.load();
    await source.load();
    const late = { maxLength: -1 };
    limitLength(late, (l) => l.displayNameMaxLength, source);

    expect(fetchLimits).toHaveBeenCalledTimes(1);
    expect(source.current()).toEqual(served);
    expect(early.maxLength).toBe(77);
    expect(late.maxLength).toBe(12);
  });

  it('leaves inputs unlimited when the server cannot be asked, and asks again next time', async () => {
    const fetchLimits = vi
      .fn<() => Promise<ClientLimits>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce(served);
    const source = createLimitsSource(fetchLimits);
    const input = { maxLength: -1 };
    limitLength(input, (l) => l.customCueMaxLength, source);

    expect(await source.load()).toBeNull();
    expect(source.current()).toBeNull();
    expect(input.maxLength).toBe(-1);

    expect(await source.load()).toEqual(served);
    expect(input.maxLength).toBe(33);
  });
});
